using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Portal;

namespace PrivacyDesk.Features.Notices;

/// <summary>What the consent page shows: the person's record, the version asked about, the merchant.</summary>
public sealed record ConsentAccess(CampaignRecipient Recipient, PolicyVersion Version, Merchant Merchant);

/// <summary>
/// The answer to a change that lowers protection (seed 002: not "without notifying you and obtaining your consent"),
/// given through the link in the notice. The link is the only key: an unknown token, an erased person and a
/// version that asks nothing all open nothing, alike. Each answer is recorded with its time and audited; a person
/// may change their mind until the change takes effect, and after (a consent can always be withdrawn).
/// </summary>
public sealed class PolicyConsents(IDbContextFactory<PrivacyDeskDbContext> factory, TimeProvider clock)
{
    private static readonly AuditActor Actor = new("portal", "Requester portal");

    public async Task<ConsentAccess?> OpenAsync(string token, CancellationToken ct = default)
    {
        if (!PortalTokens.LooksLikeToken(token)) return null;
        var hash = PortalTokens.Hash(token);
        await using var db = factory.CreateSystemContext(Actor);
        // An erased person's link opens nothing, like an unknown one.
        var row = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.ConsentTokenHash == hash && db.Customers.Any(c => c.Id == r.CustomerId && c.Status != Customers.CustomerStatus.Anonymised))
            .Join(db.NoticeCampaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r, c.PolicyVersionId }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var version = await db.PolicyVersions.AsNoTracking().FirstAsync(v => v.Id == row.PolicyVersionId, ct);
        if (!version.LowersProtection) return null;
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == row.r.MerchantId, ct);
        return new ConsentAccess(row.r, version, merchant);
    }

    public async Task<ConsentAccess?> AnswerAsync(string token, bool agree, string? address, CancellationToken ct = default)
    {
        if (await OpenAsync(token, ct) is not { } access) return null;
        await using var db = factory.CreateSystemContext(Actor);
        var recipient = await db.CampaignRecipients.FirstAsync(r => r.Id == access.Recipient.Id, ct);
        var answer = agree ? ConsentAnswer.Given : ConsentAnswer.Refused;
        // A second click on the same answer changes nothing and records nothing twice.
        if (recipient.Consent == answer) return access with { Recipient = recipient };
        var previous = recipient.Consent;
        (recipient.Consent, recipient.ConsentAt) = (answer, clock.GetUtcNow());
        db.Audit(agree ? "campaign.consent-given" : "campaign.consent-refused", nameof(NoticeCampaign), recipient.CampaignId, recipient.MerchantId,
            new { recipient = recipient.Id, customer = recipient.CustomerId, policy = access.Version.Label, previous = previous.ToString(), address });
        await db.SaveChangesAsync(ct);
        return access with { Recipient = recipient };
    }
}
