using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Notices;

/// <summary>Who a campaign would reach, before it starts: the count per language, and why it cannot start if it cannot.</summary>
public sealed record CampaignPreview(int Total, IReadOnlyDictionary<string, int> ByLanguage, IReadOnlyList<string> Problems)
{
    public bool CanStart => Problems.Count == 0;
}

public sealed record CampaignProgress(NoticeCampaign Campaign, int Pending, int Queued, int Sent, int Failed, int Bounced, int Cancelled, int ConsentsGiven, int ConsentsRefused)
{
    public int Done => Sent + Failed + Bounced;
    public double Fraction => Campaign.RecipientCount == 0 ? 1 : (double)Done / Campaign.RecipientCount;
}

public sealed record CampaignResult(bool Ok, string? Error = null, int? CampaignId = null);

/// <summary>
/// Notice campaigns for policy versions: the preview (audience and refusals), the start (every recipient written in one
/// set-based statement, so a million are queued in seconds), stop and resume, and the true counts.
/// Privacy officers and administrators only.
/// </summary>
public sealed class CampaignService(Db db, CurrentStaff staff, UiText text, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Portal.PortalOptions> portal,
    Data.Providers.WorkLeases leases)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    public async Task<bool> CanManageAsync(CancellationToken ct = default) => Officers.Any((await staff.GetAsync(ct)).IsInRole);

    private async Task RequireAsync(CancellationToken ct)
    {
        if (!await CanManageAsync(ct)) throw new UnauthorizedAccessException("Only a privacy officer or an administrator can send notices.");
    }

    /// <summary>Customers the audience holds: account holders (an active account) or every customer not anonymised, with a current email.</summary>
    internal static IQueryable<Customer> Audience(PrivacyDeskDbContext ctx, int merchantId, CampaignAudience audience) =>
        ctx.Customers.Where(c => c.MerchantId == merchantId
                                 && (c.Status == CustomerStatus.Active || (audience == CampaignAudience.AllCustomersWithEmail && c.Status == CustomerStatus.Deactivated))
                                 && ctx.ContactPoints.Any(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.ValidTo == null));

    /// <param name="messagesPerMinute">The rate it would be sent at: a notice that could not reach everyone in time is refused.</param>
    public async Task<CampaignPreview> PreviewAsync(int policyVersionId, CampaignAudience audience, int messagesPerMinute = 0, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var version = await ctx.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == policyVersionId, ct);
        if (version is null) return new(0, new Dictionary<string, int>(), [text["Policies.NotFound"]]);
        return await PreviewAsync(ctx, version, audience, messagesPerMinute, ct);
    }

    private async Task<CampaignPreview> PreviewAsync(PrivacyDeskDbContext ctx, PolicyVersion version, CampaignAudience audience, int messagesPerMinute, CancellationToken ct)
    {
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == version.MerchantId, ct);
        var counts = await Audience(ctx, version.MerchantId, audience).GroupBy(c => c.Language == "fr" ? "fr" : "en")
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var problems = new List<string>();
        var total = counts.Values.Sum();
        if (total == 0) problems.Add(text["Campaign.EmptyAudience"]);
        foreach (var (language, count) in counts.Where(c => !version.HasLanguage(c.Key)))
            problems.Add(text.Plural("Campaign.NoTextInLanguage", count, count, text[$"LanguageName.{language}"]));
        var today = Today(merchant);
        if (version.EffectiveOn < today) problems.Add(text.Format("Campaign.EffectiveInPast", Iso(version.EffectiveOn)));
        else if (today > version.LatestStart)
            problems.Add(text.Format("Campaign.NoticeTooShort", version.NoticeDays, Iso(version.LatestStart), Iso(version.EffectiveOn)));
        else if (messagesPerMinute > 0 && total > 0
                 && JurisdictionCodes.LocalDate(clock.GetUtcNow().AddMinutes(Math.Ceiling((double)total / messagesPerMinute)), merchant.Country, merchant.Province) is var last && last > version.LatestStart)
            problems.Add(text.Format("Campaign.TooSlow", messagesPerMinute, Iso(last), Iso(version.LatestStart)));
        if (await ctx.NoticeCampaigns.AnyAsync(c => c.PolicyVersionId == version.Id, ct)) problems.Add(text["Campaign.AlreadyStarted"]);
        var templates = await NoticeTemplates.ForAsync(ctx, TemplatePurpose.PolicyChange, ct);
        foreach (var language in counts.Keys.Where(l => !templates.ContainsKey(l)))
            problems.Add(text.Format("Campaign.NoTemplate", text[$"LanguageName.{language}"]));
        return new(total, counts, problems);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private DateOnly Today(Admin.Merchants.Merchant m) => JurisdictionCodes.LocalDate(clock.GetUtcNow(), m.Country, m.Province);

    /// <summary>
    /// Starts the campaign: refused for the preview's reasons; otherwise the campaign and its recipients are written in
    /// one transaction. A second click finds the campaign already there (one per version, a unique index behind the check).
    /// </summary>
    /// <param name="staffBase">The app's address as the officer reaches it: consent links are made from it unless Portal:PublicUrl says otherwise.</param>
    public async Task<CampaignResult> StartAsync(int policyVersionId, CampaignAudience audience, int messagesPerMinute, Uri? staffBase = null, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        if (messagesPerMinute < 0) return new(false, text["Campaign.RateInvalid"]);
        var me = await staff.GetAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var version = await ctx.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == policyVersionId, ct);
        if (version is null) return new(false, text["Policies.NotFound"]);
        var preview = await PreviewAsync(ctx, version, audience, messagesPerMinute, ct);
        if (!preview.CanStart) return new(false, string.Join(" ", preview.Problems));

        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var campaign = new NoticeCampaign
        {
            MerchantId = version.MerchantId, PolicyVersionId = version.Id, Audience = audience, Status = CampaignStatus.Sending,
            MessagesPerMinute = messagesPerMinute, StartedAt = clock.GetUtcNow(), StartedBy = me.DisplayName,
            LinkBase = staffBase is null && string.IsNullOrWhiteSpace(portal.Value.PublicUrl) ? null : portal.Value.BaseFor(staffBase ?? new Uri("http://localhost/")).ToString(),
        };
        ctx.NoticeCampaigns.Add(campaign);
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return new(false, text["Campaign.AlreadyStarted"]); }
        campaign.RecipientCount = await CampaignRecipients.InsertAsync(ctx, campaign, version.LowersProtection, ct);
        ctx.Audit("campaign.started", nameof(NoticeCampaign), campaign.Id, campaign.MerchantId,
            new { policy = version.Label, version.EffectiveOn, audience = audience.ToString(), recipients = campaign.RecipientCount, messagesPerMinute, version.LowersProtection });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true, null, campaign.Id);
    }

    /// <summary>Stops sending: what is not yet in the outbox stays unsent, what is queued there is taken back; the counts stay true.</summary>
    public async Task<CampaignResult> StopAsync(int campaignId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        var me = await staff.GetAsync(ct);
        // No outbox pass is under way while messages are taken back: none is sent after it was counted as not sent.
        await using var sending = await leases.AcquireAsync("outbox", ct);
        await using var ctx = await db.OpenAsync(ct);
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var campaign = await ctx.NoticeCampaigns.FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return new(false, text["Campaign.NotFound"]);
        if (campaign.Status != CampaignStatus.Sending) return new(false, text["Campaign.NotSending"]);
        campaign.Status = CampaignStatus.Stopped;
        campaign.StoppedAt = clock.GetUtcNow();
        campaign.StoppedBy = me.DisplayName;
        var taken = await CampaignRecipients.TakeBackQueuedAsync(ctx, campaign.Id, ct);
        var pending = await ctx.CampaignRecipients.CountAsync(r => r.CampaignId == campaign.Id && r.Status == RecipientStatus.Pending, ct);
        ctx.Audit("campaign.stopped", nameof(NoticeCampaign), campaign.Id, campaign.MerchantId, new { takenBack = taken, notSent = pending + taken });
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, text["Concurrency.Changed"]); }
        await tx.CommitAsync(ct);
        return new(true, null, campaign.Id);
    }

    /// <summary>Resumes a stopped campaign: what was taken back goes out again, then the rest.</summary>
    public async Task<CampaignResult> ResumeAsync(int campaignId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var campaign = await ctx.NoticeCampaigns.Include(c => c.PolicyVersion).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return new(false, text["Campaign.NotFound"]);
        if (campaign.Status != CampaignStatus.Stopped) return new(false, text["Campaign.NotStopped"]);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == campaign.MerchantId, ct);
        // A notice that would now arrive after the change applies, or with less than the promised notice, is not resumed.
        if (Today(merchant) > campaign.PolicyVersion!.LatestStart)
            return new(false, text.Format("Campaign.NoticeTooShort", campaign.PolicyVersion.NoticeDays, Iso(campaign.PolicyVersion.LatestStart), Iso(campaign.PolicyVersion.EffectiveOn)));
        await ctx.CampaignRecipients.Where(r => r.CampaignId == campaign.Id && r.Status == RecipientStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Pending), ct);
        campaign.Status = CampaignStatus.Sending;
        campaign.StoppedAt = null;
        campaign.StoppedBy = null;
        ctx.Audit("campaign.resumed", nameof(NoticeCampaign), campaign.Id, campaign.MerchantId);
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, text["Concurrency.Changed"]); }
        await tx.CommitAsync(ct);
        return new(true, null, campaign.Id);
    }

    public async Task<CampaignProgress?> ProgressAsync(int campaignId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var campaign = await ctx.NoticeCampaigns.AsNoTracking().Include(c => c.PolicyVersion).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        return campaign is null ? null : await CampaignRecipients.ProgressAsync(ctx, campaign, ct);
    }

    /// <summary>The campaign of each version shown, by version id.</summary>
    public async Task<Dictionary<int, CampaignProgress>> ForVersionsAsync(IEnumerable<int> versionIds, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        var ids = versionIds.ToList();
        await using var ctx = await db.OpenAsync(ct);
        var campaigns = await ctx.NoticeCampaigns.AsNoTracking().Include(c => c.PolicyVersion).Where(c => ids.Contains(c.PolicyVersionId)).ToListAsync(ct);
        var result = new Dictionary<int, CampaignProgress>();
        foreach (var c in campaigns) result[c.PolicyVersionId] = await CampaignRecipients.ProgressAsync(ctx, c, ct);
        return result;
    }
}
