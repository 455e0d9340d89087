using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>
/// Inventories made before the legal basis, source and recipients had a French text of their own:
/// where the English text is one of our defaults (today's or an earlier one), its French default is
/// filled in; anything the office wrote itself stays empty in French, and the access response names
/// the categories to complete rather than print English in a French letter.
/// </summary>
public static class InventoryUpgrades
{
    /// <summary>English defaults of earlier versions, with their French.</summary>
    private static readonly Dictionary<string, string> Earlier = new(StringComparer.Ordinal)
    {
        ["Canada Post, Purolator"] = "Postes Canada, Purolator",
        ["La Poste, Colissimo"] = "La Poste, Colissimo",
        ["Google (analytics)"] = "Google (mesure d'audience)",
        ["Google (analytics), AWS"] = "Google (mesure d'audience), AWS",
        ["Global Payments, Elavon/Converge, collection agencies"] = "Global Payments, Elavon/Converge, agences de recouvrement",
        ["Stripe (FR), collection agencies"] = "Stripe (FR), agences de recouvrement",
        ["Legal obligation (tax law)"] = "Obligation légale (lois fiscales)",
        ["Consent (cookies)"] = "Consentement (témoins)",
        ["Legitimate interest (GDPR art. 6(1)(f))"] = "Intérêt légitime (RGPD, art. 6, par. 1, point f))",
        ["Contract and legitimate interest"] = "Contrat et intérêt légitime",
        ["Consent and legitimate interest"] = "Consentement et intérêt légitime",
        ["You"] = "Vous",
        ["You, our premises"] = "Vous, nos locaux",
        ["You and our staff"] = "Vous et notre personnel",
    };

    public static async Task ApplyAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        var entries = await ctx.DataInventory.IgnoreQueryFilters()
            .Where(e => e.LegalBasisFr == "" || e.SourceFr == "" || (e.RecipientsFr == "" && e.Recipients != "")).ToListAsync(ct);
        if (entries.Count == 0) return;
        var known = new Dictionary<string, string>(Earlier, StringComparer.Ordinal);
        foreach (var sample in new[] { ("FR", (string?)null), ("CA", "QC"), ("CA", "ON"), ("US", "CA") })
            foreach (var d in InventoryDefaults.For(new Merchant { Slug = "x", Name = "x", Country = sample.Item1, Province = sample.Item2 }))
            {
                known.TryAdd(d.LegalBasis, d.LegalBasisFr);
                known.TryAdd(d.Source, d.SourceFr);
                if (d.Recipients != "") known.TryAdd(d.Recipients, d.RecipientsFr);
            }
        foreach (var e in entries)
        {
            if (e.LegalBasisFr == "" && known.TryGetValue(e.LegalBasis, out var basis)) e.LegalBasisFr = basis;
            if (e.SourceFr == "" && known.TryGetValue(e.Source, out var source)) e.SourceFr = source;
            if (e.RecipientsFr == "" && e.Recipients != "" && known.TryGetValue(e.Recipients, out var recipients)) e.RecipientsFr = recipients;
        }
        await ctx.SaveChangesAsync(ct);
    }
}
