using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Notices;

/// <summary>What the officer types for a policy version.</summary>
public sealed class PolicyInput
{
    public int MerchantId { get; set; }
    public string Label { get; set; } = "";
    public DateTime? EffectiveOn { get; set; }
    public bool Substantial { get; set; } = true;
    public bool LowersProtection { get; set; }
    public int NoticeDays { get; set; }
    public string? SummaryFr { get; set; }
    public string? SummaryEn { get; set; }
    public string? TextFr { get; set; }
    public string? TextEn { get; set; }
}

public sealed record PolicySave(bool Ok, string? Error = null, string? Field = null, int? Id = null);

/// <summary>The merchant's policy versions: recorded, edited until a notice of them has started, listed newest first.</summary>
public sealed class PolicyService(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    public async Task<bool> CanManageAsync(CancellationToken ct = default) => Officers.Any((await staff.GetAsync(ct)).IsInRole);

    public async Task<IReadOnlyList<PolicyVersion>> ListAsync(CancellationToken ct = default)
    {
        if (!await CanManageAsync(ct)) return [];
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.PolicyVersions.AsNoTracking().OrderByDescending(p => p.EffectiveOn).ThenByDescending(p => p.Id).ToListAsync(ct);
    }

    /// <summary>The notice period a new version of this merchant starts with: the one its last version promised.</summary>
    public async Task<int> PromisedNoticeDaysAsync(int merchantId, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.PolicyVersions.Where(p => p.MerchantId == merchantId).OrderByDescending(p => p.Id).Select(p => (int?)p.NoticeDays).FirstOrDefaultAsync(ct) ?? 0;
    }

    public async Task<PolicySave> SaveAsync(int? id, Guid? version, PolicyInput input, CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        if (!Officers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only a privacy officer or an administrator can record policy versions.");
        if (string.IsNullOrWhiteSpace(input.Label)) return new(false, text["Policies.LabelRequired"], "label");
        if (input.EffectiveOn is not { } effective) return new(false, text["Policies.EffectiveRequired"], "effectiveOn");
        if (input.NoticeDays is < 0 or > 365) return new(false, text["Policies.NoticeDaysRange"], "noticeDays");
        if (string.IsNullOrWhiteSpace(input.SummaryFr) && string.IsNullOrWhiteSpace(input.SummaryEn)) return new(false, text["Policies.SummaryRequired"], "summaryEn");
        await using var ctx = await db.OpenAsync(ct);
        PolicyVersion? p;
        if (id is int existing)
        {
            p = await ctx.PolicyVersions.FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (p is null) return new(false, text["Policies.NotFound"]);
            if (p.Version != version) return new(false, text["Concurrency.Changed"]);
            if (await ctx.NoticeCampaigns.AnyAsync(c => c.PolicyVersionId == p.Id, ct)) return new(false, text["Policies.Noticed"]);
        }
        else
        {
            if (!me.Scope.Allows(input.MerchantId) || !await ctx.Merchants.AnyAsync(m => m.Id == input.MerchantId, ct))
                return new(false, text["Policies.MerchantRequired"], "merchant");
            p = new PolicyVersion { MerchantId = input.MerchantId, Label = "", CreatedAt = clock.GetUtcNow(), CreatedBy = me.DisplayName };
            ctx.PolicyVersions.Add(p);
        }
        var label = input.Label.Trim();
        if (await ctx.PolicyVersions.AnyAsync(x => x.MerchantId == p.MerchantId && x.Label == label && x.Id != p.Id, ct)) return new(false, text["Policies.LabelTaken"], "label");
        (p.Label, p.EffectiveOn, p.Substantial, p.LowersProtection, p.NoticeDays) = (label, DateOnly.FromDateTime(effective), input.Substantial, input.LowersProtection, input.NoticeDays);
        (p.SummaryFr, p.SummaryEn, p.TextFr, p.TextEn) = (Clean(input.SummaryFr), Clean(input.SummaryEn), Clean(input.TextFr), Clean(input.TextEn));
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, text["Concurrency.Changed"]); }
        ctx.Audit(id is null ? "policy.created" : "policy.updated", nameof(PolicyVersion), p.Id, p.MerchantId,
            new { p.Label, p.EffectiveOn, p.Substantial, p.LowersProtection, p.NoticeDays, french = p.SummaryFr is not null, english = p.SummaryEn is not null });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true, null, null, p.Id);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
