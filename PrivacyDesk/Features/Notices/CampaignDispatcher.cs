using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Features.Notices;

public sealed class NoticeOptions
{
    /// <summary>Seconds between the dispatcher's passes.</summary>
    public int DispatchSeconds { get; set; } = 5;
    /// <summary>The rate a new campaign is offered (messages per minute); the officer may change it, 0 for none.</summary>
    public int DefaultMessagesPerMinute { get; set; } = 600;
    /// <summary>Recipients handed to the outbox per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Hands campaign notices to the outbox at each campaign's rate, one node at a time (a work lease). Everything it
/// knows is in the database (a recipient is Pending until the transaction that puts its message in the outbox
/// marks it Queued), so a restart, or another node, resumes exactly where it stood: nobody is told twice or skipped.
/// </summary>
public sealed class CampaignDispatcher(IDbContextFactory<PrivacyDeskDbContext> factory, IOptions<NoticeOptions> options, IOptions<MailOptions> mail,
    TimeProvider clock, Data.Providers.WorkLeases leases, ILogger<CampaignDispatcher> log) : BackgroundService
{
    private static readonly AuditActor Actor = new("campaigns", "Notice campaigns");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try { more = await DispatchAsync(stoppingToken) > 0 && await AnyUnthrottledPendingAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Campaign dispatch failed"); }
            if (!more) await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Value.DispatchSeconds)), clock, stoppingToken).ContinueWith(_ => { });
        }
    }

    private async Task<bool> AnyUnthrottledPendingAsync(CancellationToken ct)
    {
        await using var db = factory.CreateSystemContext(Actor);
        return await db.NoticeCampaigns.AnyAsync(c => c.Status == CampaignStatus.Sending && c.MessagesPerMinute == 0
            && db.CampaignRecipients.Any(r => r.CampaignId == c.Id && r.Status == RecipientStatus.Pending), ct);
    }

    /// <summary>One pass over the campaigns being sent; returns how many notices it handed to the outbox.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var lease = await leases.AcquireAsync("campaigns", ct);
        await using var db = factory.CreateSystemContext(Actor);
        var ids = await db.NoticeCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Sending).Select(c => c.Id).ToListAsync(ct);
        var handed = 0;
        foreach (var id in ids)
        {
            // One campaign that fails (a template an administrator broke, say) does not hold up the others.
            try { handed += await DispatchOneAsync(id, ct); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested) { log.LogError(e, "Campaign {Id} dispatch failed", id); }
        }
        return handed;
    }

    private async Task<int> DispatchOneAsync(int campaignId, CancellationToken ct)
    {
        await using var db = factory.CreateSystemContext(Actor);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campaign = await db.NoticeCampaigns.Include(c => c.PolicyVersion).FirstAsync(c => c.Id == campaignId, ct);
        if (campaign.Status != CampaignStatus.Sending) return 0;
        var now = clock.GetUtcNow();
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == campaign.MerchantId, ct);
        var today = JurisdictionCodes.LocalDate(now, merchant.Country, merchant.Province);
        if (today > campaign.PolicyVersion!.LatestStart)
        {
            // A notice would now arrive with less than the promised period (or after the change): the rest is not sent, and the page says so.
            campaign.Status = CampaignStatus.Stopped;
            (campaign.StoppedAt, campaign.StoppedBy) = (now, Actor.Name);
            var pending = await db.CampaignRecipients.CountAsync(r => r.CampaignId == campaign.Id && r.Status == RecipientStatus.Pending, ct);
            db.Audit("campaign.stopped", nameof(NoticeCampaign), campaign.Id, campaign.MerchantId, new { reason = "notice period passed", notSent = pending });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }
        var allowance = Allowance(campaign, now, options.Value.BatchSize);
        if (allowance == 0) return 0;
        // Read untracked: the batch's recipients are marked Queued by one UPDATE below, not a thousand tracked rows.
        var batch = await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.Status == RecipientStatus.Pending).OrderBy(r => r.Id).Take(allowance)
            .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => new
            {
                Recipient = r, c.FirstName, c.LastName, c.Gender,
                // The address as it is now: one corrected since the start is used, one removed is not written to.
                Current = db.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.ValidTo == null).Min(p => p.Value),
            }).ToListAsync(ct);
        if (batch.Count == 0)
        {
            await CompleteIfDoneAsync(db, campaign, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }
        var templates = await NoticeTemplates.ForAsync(db, TemplatePurpose.PolicyChange, ct);
        var version = campaign.PolicyVersion!;
        List<long> queued = new(batch.Count), failed = [];
        var consentTokens = new Dictionary<long, string>();
        var moved = new Dictionary<long, string>();
        List<long> noEmail = [];
        foreach (var row in batch)
        {
            var r = row.Recipient;
            var name = $"{row.FirstName} {row.LastName}".Trim();
            var model = NoticeTemplates.Model(r.Language, merchant, name, row.Gender, today);
            model["policy"] = new
            {
                label = version.Label, effectiveOn = NoticeTemplates.Date(r.Language, merchant, version.EffectiveOn),
                summary = version.Summary(r.Language) ?? "", text = version.Text(r.Language) ?? "",
            };
            string? link = null;
            if (version.LowersProtection && campaign.LinkBase is { } linkBase)
            {
                // The person's own key to answer: only its hash is kept; the token is only in their email.
                var token = Portal.PortalTokens.NewToken();
                consentTokens[r.Id] = Portal.PortalTokens.Hash(token);
                link = new Uri(new Uri(linkBase), $"portal/consent/{token}").ToString();
            }
            model["consent"] = new { needed = version.LowersProtection, link };
            // A template in the person's language was checked at the start; one deleted since leaves the person unsent, and says why.
            if (!templates.TryGetValue(r.Language, out var template))
            {
                failed.Add(r.Id);
                continue;
            }
            if (row.Current is not { } email)
            {
                noEmail.Add(r.Id);
                continue;
            }
            if (!string.Equals(email, r.Email, StringComparison.OrdinalIgnoreCase)) moved[r.Id] = email;
            var (subject, body) = NoticeTemplates.Render(template, model);
            var message = OutboxQueue.EnqueueStandalone(db, campaign.MerchantId, merchant, OutboxKind.PolicyNotice, email, name, subject, body, r.Language,
                $"notice-{campaign.Id}-{r.Id}", mail.Value.DefaultFrom, clock);
            message.CampaignRecipientId = r.Id;
            // The body holds the person's consent link: it is not kept once sent (only the token's hash is).
            message.ForgetBodyOnceSent = link is not null;
            queued.Add(r.Id);
        }
        campaign.LastDispatchAt = now;
        db.ChangeTracker.DetectChanges();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync(ct);
        // Still Pending, in this transaction: nobody else took them (the lease), so each is queued exactly once.
        await db.CampaignRecipients.Where(r => queued.Contains(r.Id)).ExecuteUpdateAsync(x => x.SetProperty(r => r.Status, RecipientStatus.Queued), ct);
        foreach (var (id, address) in moved)
            await db.CampaignRecipients.Where(r => r.Id == id).ExecuteUpdateAsync(x => x.SetProperty(r => r.Email, address), ct);
        if (noEmail.Count > 0)
            await db.CampaignRecipients.Where(r => noEmail.Contains(r.Id)).ExecuteUpdateAsync(x => x
                .SetProperty(r => r.Status, RecipientStatus.Failed).SetProperty(r => r.Error, "no current email address"), ct);
        foreach (var (id, hash) in consentTokens)
            await db.CampaignRecipients.Where(r => r.Id == id).ExecuteUpdateAsync(x => x.SetProperty(r => r.ConsentTokenHash, hash), ct);
        if (failed.Count > 0)
            await db.CampaignRecipients.Where(r => failed.Contains(r.Id)).ExecuteUpdateAsync(x => x
                .SetProperty(r => r.Status, RecipientStatus.Failed).SetProperty(r => r.Error, "no policy-change template in the person's language"), ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    /// <summary>
    /// How many the campaign may hand over now: its rate times the time since the last pass (at most a minute's worth,
    /// so a campaign resumed after a long stop does not burst); a whole batch when it has no rate.
    /// </summary>
    public static int Allowance(NoticeCampaign c, DateTimeOffset now, int batchSize)
    {
        if (c.MessagesPerMinute <= 0) return batchSize;
        var since = c.LastDispatchAt is { } last ? now - last : TimeSpan.FromMinutes(1);
        var allowed = (int)Math.Floor(c.MessagesPerMinute * Math.Min(1, since.TotalMinutes));
        return Math.Clamp(allowed, 0, Math.Min(batchSize, c.MessagesPerMinute));
    }

    private static async Task CompleteIfDoneAsync(PrivacyDeskDbContext db, NoticeCampaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.CampaignRecipients.AnyAsync(r => r.CampaignId == campaign.Id && (r.Status == RecipientStatus.Pending || r.Status == RecipientStatus.Queued), ct)) return;
        campaign.Status = CampaignStatus.Completed;
        campaign.CompletedAt = now;
        var progress = await CampaignRecipients.ProgressAsync(db, campaign, ct);
        db.Audit("campaign.completed", nameof(NoticeCampaign), campaign.Id, campaign.MerchantId,
            new { progress.Sent, progress.Failed, progress.Bounced, recipients = campaign.RecipientCount });
    }
}
