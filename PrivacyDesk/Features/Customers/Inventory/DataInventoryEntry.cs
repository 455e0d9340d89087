using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>The categories of personal information, as the access response groups them.</summary>
public enum DataCategory { Identity, Contact, Preferences, Orders, DeviceAndLogs, Communications, Disclosures, Other }

/// <summary>What erasure does to a category: delete it, anonymise it, or keep it under a legal hold.</summary>
public enum ErasureAction { Delete, Anonymise, KeepUnderLegalHold }

/// <summary>
/// Whether a category was sold or shared in the past 12 months, in the CCPA's sense (Civ. Code 1798.140(ad), (ah)):
/// a Californian's access response says so for each category (1798.110, 1798.115). Not recorded is not "no".
/// </summary>
public enum SaleOrSharing { NotRecorded, Neither, Sold, Shared, SoldAndShared }

/// <summary>
/// What protects the information where it goes outside the merchant's legal area: told to the person
/// as recorded (GDPR art. 15(2); Quebec s. 17 asks for an assessment and a written agreement first).
/// </summary>
public enum TransferSafeguard
{
    /// <summary>Not recorded yet: the response says so rather than claim a safeguard.</summary>
    None,
    /// <summary>An adequacy decision of the European Commission (GDPR art. 45).</summary>
    AdequacyDecision,
    /// <summary>The EU-U.S. Data Privacy Framework, the recipient being certified (adequacy decision of 10 July 2023).</summary>
    DataPrivacyFramework,
    /// <summary>The European Commission's standard contractual clauses (GDPR art. 46(2)(c)).</summary>
    StandardContractualClauses,
    /// <summary>Binding corporate rules (GDPR art. 47).</summary>
    BindingCorporateRules,
    /// <summary>A privacy impact assessment, then a written agreement with the recipient (Quebec s. 17).</summary>
    AssessmentAndWrittenAgreement,
    /// <summary>A contract giving comparable protection (PIPEDA Principle 4.1.3).</summary>
    ContractualProtection,
}

/// <summary>
/// One line of a merchant's data inventory: a category with its purposes, legal basis, source,
/// retention rule, recipients and countries. The access response and erasure are driven by it.
/// </summary>
public class DataInventoryEntry : IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public DataCategory Category { get; set; }
    public required string PurposesEn { get; set; }
    public required string PurposesFr { get; set; }
    /// <summary>The legal basis in English (LegalBasisFr in French): a document speaks only its reader's language.</summary>
    public required string LegalBasis { get; set; }
    public string LegalBasisFr { get; set; } = "";
    /// <summary>Where it comes from, in English (SourceFr in French).</summary>
    public required string Source { get; set; }
    public string SourceFr { get; set; } = "";
    public required string RetentionEn { get; set; }
    public required string RetentionFr { get; set; }

    /// <summary>Months of inactivity after which the category is due for deletion; null: no fixed period.</summary>
    public int? RetentionMonths { get; set; }
    public ErasureAction OnErasure { get; set; }

    /// <summary>Why erasure keeps this category (e.g. tax law), told to the person in the response.</summary>
    public string? LegalHoldReasonEn { get; set; }
    public string? LegalHoldReasonFr { get; set; }
    /// <summary>Who receives it, in English (RecipientsFr in French).</summary>
    public string Recipients { get; set; } = "";
    public string RecipientsFr { get; set; } = "";
    public string Countries { get; set; } = "";
    /// <summary>What protects it in the countries outside the merchant's legal area.</summary>
    public TransferSafeguard Safeguard { get; set; }
    /// <summary>Sold or shared in the past 12 months (CCPA); asked of American merchants.</summary>
    public SaleOrSharing SaleOrSharing { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
