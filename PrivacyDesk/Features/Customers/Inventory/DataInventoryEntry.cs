using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>The categories of personal information, as the access response groups them.</summary>
public enum DataCategory { Identity, Contact, Preferences, Orders, DeviceAndLogs, Communications, Disclosures, Other }

/// <summary>What erasure does to a category: delete it, anonymise it, or keep it under a legal hold.</summary>
public enum ErasureAction { Delete, Anonymise, KeepUnderLegalHold }

/// <summary>
/// One line of a merchant's data inventory: a category with its purposes, legal basis, source,
/// retention rule, recipients and countries. The access response and erasure are driven by it.
/// </summary>
public class DataInventoryEntry : IMerchantOwned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public DataCategory Category { get; set; }
    public required string PurposesEn { get; set; }
    public required string PurposesFr { get; set; }
    public required string LegalBasis { get; set; }
    public required string Source { get; set; }
    public required string RetentionEn { get; set; }
    public required string RetentionFr { get; set; }

    /// <summary>Months of inactivity after which the category is due for deletion; null: no fixed period.</summary>
    public int? RetentionMonths { get; set; }
    public ErasureAction OnErasure { get; set; }

    /// <summary>Why erasure keeps this category (e.g. tax law), told to the person in the response.</summary>
    public string? LegalHoldReasonEn { get; set; }
    public string? LegalHoldReasonFr { get; set; }
    public string Recipients { get; set; } = "";
    public string Countries { get; set; } = "";
    public Guid Version { get; set; } = Guid.NewGuid();
}
