using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>The data inventory: read by officers, edited by admins; every edit audited with before and after.</summary>
public sealed class InventoryService(Db db, CurrentStaff staff, UiText text)
{
    public async Task<IReadOnlyList<DataInventoryEntry>> ListAsync(int merchantId, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        if (!ctx.Scope.Allows(merchantId)) return [];
        await CustomerService.EnsureInventoryAsync(ctx, merchantId, ct);
        return (await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == merchantId).ToListAsync(ct)).OrderBy(e => e.Category).ToList();
    }

    public async Task<(bool Ok, string? Error)> UpdateAsync(DataInventoryEntry edited, CancellationToken ct = default)
    {
        if (!(await staff.GetAsync(ct)).IsAdmin) throw new UnauthorizedAccessException("Only an administrator edits the data inventory.");
        if (string.IsNullOrWhiteSpace(edited.PurposesEn) || string.IsNullOrWhiteSpace(edited.PurposesFr) || string.IsNullOrWhiteSpace(edited.RetentionEn)
            || string.IsNullOrWhiteSpace(edited.RetentionFr) || string.IsNullOrWhiteSpace(edited.LegalBasis) || string.IsNullOrWhiteSpace(edited.Source)
            || string.IsNullOrWhiteSpace(edited.LegalBasisFr) || string.IsNullOrWhiteSpace(edited.SourceFr))
            return (false, text["Inventory.Required"]);
        // An access response may be asked in either language: a recipient named in one must be named in the other.
        if (string.IsNullOrWhiteSpace(edited.Recipients) != string.IsNullOrWhiteSpace(edited.RecipientsFr)) return (false, text["Inventory.RecipientsBothLanguages"]);
        if (edited.OnErasure == ErasureAction.KeepUnderLegalHold && (string.IsNullOrWhiteSpace(edited.LegalHoldReasonEn) || string.IsNullOrWhiteSpace(edited.LegalHoldReasonFr)))
            return (false, text["Inventory.HoldNeedsReason"]);
        if (edited.RetentionMonths is < 0 or > 1200) return (false, text["Inventory.MonthsRange"]);

        await using var ctx = await db.OpenAsync(ct);
        var entry = await ctx.DataInventory.FirstOrDefaultAsync(e => e.Id == edited.Id, ct);
        if (entry is null) return (false, text["Merchants.NotFound"]);
        if (entry.Version != edited.Version) return (false, text["Concurrency.Changed"]);
        var before = Snapshot(entry);
        (entry.PurposesEn, entry.PurposesFr, entry.LegalBasis, entry.LegalBasisFr, entry.Source, entry.SourceFr, entry.RetentionEn, entry.RetentionFr, entry.RetentionMonths,
            entry.OnErasure, entry.LegalHoldReasonEn, entry.LegalHoldReasonFr, entry.Recipients, entry.RecipientsFr, entry.Countries, entry.Safeguard) =
            (edited.PurposesEn.Trim(), edited.PurposesFr.Trim(), edited.LegalBasis.Trim(), edited.LegalBasisFr.Trim(), edited.Source.Trim(), edited.SourceFr.Trim(),
             edited.RetentionEn.Trim(), edited.RetentionFr.Trim(), edited.RetentionMonths, edited.OnErasure, edited.LegalHoldReasonEn?.Trim(), edited.LegalHoldReasonFr?.Trim(),
             edited.Recipients.Trim(), edited.RecipientsFr.Trim(), edited.Countries.Trim(), edited.Safeguard);
        entry.SaleOrSharing = edited.SaleOrSharing;
        ctx.Audit("inventory.updated", nameof(DataInventoryEntry), entry.Id, entry.MerchantId, new { before, after = Snapshot(entry) });
        try
        {
            await ctx.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (false, text["Concurrency.Changed"]);
        }
        return (true, null);
    }

    /// <summary>
    /// The same rules as <see cref="UpdateAsync"/>, each fault on the field it belongs to (keyed by
    /// <see cref="DataInventoryEntry"/>'s property names), so the form can say which field to fix.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ValidateFields(DataInventoryEntry e, UiText text)
    {
        var errors = new Dictionary<string, string>();
        void Required(string field, string? value) { if (string.IsNullOrWhiteSpace(value)) errors[field] = text["Inventory.FieldRequired"]; }
        Required(nameof(e.PurposesEn), e.PurposesEn);
        Required(nameof(e.PurposesFr), e.PurposesFr);
        Required(nameof(e.LegalBasis), e.LegalBasis);
        Required(nameof(e.LegalBasisFr), e.LegalBasisFr);
        Required(nameof(e.Source), e.Source);
        Required(nameof(e.SourceFr), e.SourceFr);
        Required(nameof(e.RetentionEn), e.RetentionEn);
        Required(nameof(e.RetentionFr), e.RetentionFr);
        if (string.IsNullOrWhiteSpace(e.Recipients) != string.IsNullOrWhiteSpace(e.RecipientsFr))
            errors[string.IsNullOrWhiteSpace(e.Recipients) ? nameof(e.Recipients) : nameof(e.RecipientsFr)] = text["Inventory.RecipientsBothLanguages"];
        if (e.OnErasure == ErasureAction.KeepUnderLegalHold)
        {
            if (string.IsNullOrWhiteSpace(e.LegalHoldReasonEn)) errors[nameof(e.LegalHoldReasonEn)] = text["Inventory.HoldNeedsReason"];
            if (string.IsNullOrWhiteSpace(e.LegalHoldReasonFr)) errors[nameof(e.LegalHoldReasonFr)] = text["Inventory.HoldNeedsReason"];
        }
        if (e.RetentionMonths is < 0 or > 1200) errors[nameof(e.RetentionMonths)] = text["Inventory.MonthsRange"];
        return errors;
    }

    private static object Snapshot(DataInventoryEntry e) => new
    {
        category = e.Category.ToString(), e.PurposesEn, e.PurposesFr, e.LegalBasis, e.LegalBasisFr, e.Source, e.SourceFr, e.RetentionEn, e.RetentionFr, e.RetentionMonths,
        onErasure = e.OnErasure.ToString(), e.LegalHoldReasonEn, e.LegalHoldReasonFr, e.Recipients, e.RecipientsFr, e.Countries, safeguard = e.Safeguard.ToString(), saleOrSharing = e.SaleOrSharing.ToString(),
    };
}
