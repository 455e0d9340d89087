using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Outbox;

namespace PrivacyDesk.Features.Notices;

/// <summary>The per-person records of a campaign: written set-based, counted, taken back, and told the outcome.</summary>
public static class CampaignRecipients
{
    /// <summary>
    /// One row per customer of the audience, with their current email (the smallest, when they have several) and
    /// language, in one INSERT ... SELECT: EF would send a million inserts one by one. The SQL is the same on
    /// SQLite and PostgreSQL (quoted names, enums stored as their names); the merchant is the campaign's own.
    /// </summary>
    public static async Task<int> InsertAsync(PrivacyDeskDbContext ctx, NoticeCampaign campaign, bool askConsent, CancellationToken ct)
    {
        var statuses = campaign.Audience == CampaignAudience.AllCustomersWithEmail ? "'Active', 'Deactivated'" : "'Active'";
        var consent = askConsent ? nameof(ConsentAnswer.Pending) : nameof(ConsentAnswer.NotAsked);
        // Only the campaign's own ids and fixed words go into the text: nothing typed by anyone.
#pragma warning disable EF1002
        return await ctx.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "CampaignRecipients" ("CampaignId", "MerchantId", "CustomerId", "Email", "Language", "Status", "Consent")
            SELECT {campaign.Id}, c."MerchantId", c."Id", MIN(p."Value"), CASE WHEN c."Language" = 'fr' THEN 'fr' ELSE 'en' END, 'Pending', '{consent}'
            FROM "Customers" c
            JOIN "ContactPoints" p ON p."CustomerId" = c."Id" AND p."Kind" = 'Email' AND p."ValidTo" IS NULL
            WHERE c."MerchantId" = {campaign.MerchantId} AND c."Status" IN ({statuses})
            GROUP BY c."MerchantId", c."Id", c."Language"
            """, ct);
#pragma warning restore EF1002
    }

    /// <summary>Takes back the messages still waiting in the outbox (a stop); returns how many.</summary>
    public static async Task<int> TakeBackQueuedAsync(PrivacyDeskDbContext ctx, int campaignId, CancellationToken ct)
    {
        var queued = ctx.CampaignRecipients.Where(r => r.CampaignId == campaignId && r.Status == RecipientStatus.Queued).Select(r => (long?)r.Id);
        // This stop's own mark: messages cancelled by an earlier stop are not counted again.
        var mark = $"campaign stopped {Guid.NewGuid():N}";
        var taken = await ctx.Outbox.Where(o => (o.Status == OutboxStatus.Queued || o.Status == OutboxStatus.Retrying) && queued.Contains(o.CampaignRecipientId))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled).SetProperty(o => o.LastError, mark), ct);
        var cancelled = ctx.Outbox.Where(o => o.Status == OutboxStatus.Cancelled && o.LastError == mark).Select(o => o.CampaignRecipientId);
        await ctx.CampaignRecipients.Where(r => r.CampaignId == campaignId && r.Status == RecipientStatus.Queued && cancelled.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Cancelled), ct);
        return taken;
    }

    public static async Task<CampaignProgress> ProgressAsync(PrivacyDeskDbContext ctx, NoticeCampaign campaign, CancellationToken ct)
    {
        var byStatus = await ctx.CampaignRecipients.Where(r => r.CampaignId == campaign.Id).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var consents = campaign.PolicyVersion?.LowersProtection == true
            ? await ctx.CampaignRecipients.Where(r => r.CampaignId == campaign.Id && r.Consent != ConsentAnswer.NotAsked && r.Consent != ConsentAnswer.Pending)
                .GroupBy(r => r.Consent).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)
            : [];
        int N(RecipientStatus s) => byStatus.GetValueOrDefault(s);
        return new(campaign, N(RecipientStatus.Pending), N(RecipientStatus.Queued), N(RecipientStatus.Sent), N(RecipientStatus.Failed), N(RecipientStatus.Bounced),
            N(RecipientStatus.Cancelled), consents.GetValueOrDefault(ConsentAnswer.Given), consents.GetValueOrDefault(ConsentAnswer.Refused));
    }

    /// <summary>The outbox's last word on a notice (sent, or refused for good), written in the sender's own save.</summary>
    public static async Task RecordOutcomeAsync(PrivacyDeskDbContext ctx, OutboxMessage m, CancellationToken ct)
    {
        if (m.CampaignRecipientId is not long id) return;
        var recipient = await ctx.CampaignRecipients.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recipient is null || recipient.Status == RecipientStatus.Bounced) return;
        recipient.Status = m.Status == OutboxStatus.Sent ? RecipientStatus.Sent : RecipientStatus.Failed;
        recipient.SentAt = m.SentAt;
        recipient.Error = m.Status == OutboxStatus.Sent ? null : m.LastError;
    }
}
