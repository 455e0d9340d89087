namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>
/// An inventory entry's texts in one language. A document speaks only its reader's language, so a
/// text missing in that language is reported (and the document refused) rather than filled from the
/// other language.
/// </summary>
public static class InventoryTexts
{
    public static string Purposes(DataInventoryEntry e, string language) => language == "fr" ? e.PurposesFr : e.PurposesEn;
    public static string LegalBasis(DataInventoryEntry e, string language) => language == "fr" ? e.LegalBasisFr : e.LegalBasis;
    public static string Source(DataInventoryEntry e, string language) => language == "fr" ? e.SourceFr : e.Source;
    public static string Recipients(DataInventoryEntry e, string language) => language == "fr" ? e.RecipientsFr : e.Recipients;
    public static string Retention(DataInventoryEntry e, string language) => language == "fr" ? e.RetentionFr : e.RetentionEn;

    /// <summary>For a Californian's response: the categories whose sale or sharing in the past 12 months is not recorded.</summary>
    public static IReadOnlyList<DataCategory> SaleNotRecorded(IEnumerable<DataInventoryEntry> entries) =>
        entries.Where(e => e.SaleOrSharing == SaleOrSharing.NotRecorded).Select(e => e.Category).Distinct().Order().ToList();

    /// <summary>The categories whose texts are incomplete in <paramref name="language"/> (a recipient named in the other language only counts).</summary>
    public static IReadOnlyList<DataCategory> MissingIn(IEnumerable<DataInventoryEntry> entries, string language) =>
        entries.Where(e => string.IsNullOrWhiteSpace(Purposes(e, language)) || string.IsNullOrWhiteSpace(LegalBasis(e, language))
                || string.IsNullOrWhiteSpace(Source(e, language)) || string.IsNullOrWhiteSpace(Retention(e, language))
                || (string.IsNullOrWhiteSpace(Recipients(e, language)) && !string.IsNullOrWhiteSpace(Recipients(e, language == "fr" ? "en" : "fr")))
                || (e.OnErasure == ErasureAction.KeepUnderLegalHold && string.IsNullOrWhiteSpace(language == "fr" ? e.LegalHoldReasonFr : e.LegalHoldReasonEn)))
            .Select(e => e.Category).Distinct().Order().ToList();
}
