using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Notices;

/// <summary>One policy notice to one person: which version, at which address, how it went, and their answer where one was asked.</summary>
public sealed record PolicyNoticeRecord(int CampaignId, string PolicyLabel, DateOnly EffectiveOn, string Email, RecipientStatus Status,
    DateTimeOffset? SentAt, ConsentAnswer Consent, DateTimeOffset? ConsentAt);

/// <summary>The notices a customer was sent, read with the rest of their profile (their page and their access response).</summary>
public static class CustomerNotices
{
    public static async Task<IReadOnlyList<PolicyNoticeRecord>> LoadAsync(PrivacyDeskDbContext ctx, int customerId, CancellationToken ct) =>
        await (from r in ctx.CampaignRecipients.AsNoTracking()
               join c in ctx.NoticeCampaigns on r.CampaignId equals c.Id
               join v in ctx.PolicyVersions on c.PolicyVersionId equals v.Id
               where r.CustomerId == customerId
               orderby v.EffectiveOn descending, r.Id descending
               select new PolicyNoticeRecord(c.Id, v.Label, v.EffectiveOn, r.Email, r.Status, r.SentAt, r.Consent, r.ConsentAt)).ToListAsync(ct);
}
