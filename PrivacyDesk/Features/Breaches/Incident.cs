using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Breaches;

public enum IncidentStatus { Open, Assessing, Notifying, Closed }

/// <summary>
/// A confidentiality incident (breach) of one merchant: what happened, when, what it touched, and
/// what was done. Every incident goes into the register, notified or not.
/// </summary>
public class Incident : IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string Cause { get; set; } = "";
    public string HowDiscovered { get; set; } = "";
    public DateTimeOffset? OccurredFrom { get; set; }
    public DateTimeOffset? OccurredTo { get; set; }
    /// <summary>When the organisation became aware: starts the GDPR 72-hour clock.</summary>
    public DateTimeOffset AwareAt { get; set; }
    public DateTimeOffset? ContainedAt { get; set; }
    public string Systems { get; set; } = "";
    /// <summary>Data categories involved (codes of the inventory's categories, comma-separated).</summary>
    public string DataCategories { get; set; } = "";
    /// <summary>The personal information involved, in words (or why it cannot be described).</summary>
    public string InformationInvolved { get; set; } = "";
    public IncidentStatus Status { get; set; }
    public string? OwnerName { get; set; }
    public string MeasuresTaken { get; set; } = "";
    public string MeasuresPlanned { get; set; } = "";
    /// <summary>What a person can do to protect themselves (goes into the notices).</summary>
    public string AdviceToPersons { get; set; } = "";
    public string? ReasonsForDelay { get; set; }

    /// <summary>The likely consequences for the persons (GDPR art. 33(3)(c), 34(2)).</summary>
    public string LikelyConsequences { get; set; } = "";

    /// <summary>Approximate number of records involved (GDPR art. 33(3)(a)); null when not known yet.</summary>
    public int? ApproximateRecords { get; set; }

    /// <summary>Authorities other than the app's filings that were told (CAI notice item 11), with dates, in words.</summary>
    public string OtherAuthorities { get; set; } = "";

    /// <summary>The language the facts above are written in (the merchant's at creation).</summary>
    public string FactsLanguage { get; set; } = "fr";

    /// <summary>
    /// The facts in the other language, as JSON {"Description": "...", ...}: a notice, filing or register
    /// speaks only its reader's language, so a notice in a language whose facts are missing is refused.
    /// </summary>
    public string Translations { get; set; } = "{}";
    public bool PublicNotice { get; set; }
    /// <summary>Why a public notice was given (Quebec regulation s. 6: persons cannot be reached, or harm is urgent).</summary>
    public string? PublicNoticeReason { get; set; }
    public DateTimeOffset? PublicNoticeAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum IncidentEventKind { Created, Updated, StatusChanged, AffectedAdded, AffectedRemoved, Assessed, FilingExported, Filed, NoticesQueued, Note }

/// <summary>One line of an incident's timeline, appended, never edited.</summary>
public class IncidentEvent : IMerchantOwned
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public IncidentEventKind Kind { get; set; }
    public required string ActorName { get; set; }
    public string? Text { get; set; }
    public string? FileName { get; set; }
    public byte[]? File { get; set; }
}

public enum NoticeStatus { Pending, Queued, Sent, Failed, Letter }

/// <summary>A person whose information was involved: a customer or someone entered by hand.</summary>
public class AffectedPerson : IMerchantOwned
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public int MerchantId { get; set; }
    public int? CustomerId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    /// <summary>For a letter when there is no email address.</summary>
    public string? PostalAddress { get; set; }
    public string Language { get; set; } = "fr";
    public string Country { get; set; } = "CA";
    /// <summary>Province (CA) or state (US) code; empty when unknown.</summary>
    public string Region { get; set; } = "";
    public NoticeStatus Notice { get; set; }
    public long? OutboxId { get; set; }
    public DateTimeOffset? NoticeAt { get; set; }
}

public enum RiskLevel { Low, Medium, High }

/// <summary>The breach regimes the app assesses.</summary>
public enum BreachRegime { Quebec, Pipeda, Gdpr, Arizona }

/// <summary>A risk assessment for one regime, with its inputs, its reasoning and who must be notified.</summary>
public class RiskAssessment : IMerchantOwned
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public int MerchantId { get; set; }
    public BreachRegime Regime { get; set; }
    public RiskLevel Sensitivity { get; set; }
    public RiskLevel Likelihood { get; set; }
    public RiskLevel Consequences { get; set; }
    public string Reasoning { get; set; } = "";
    /// <summary>The rule's verdict in words ("real risk of significant harm", "high risk", ...).</summary>
    public string Outcome { get; set; } = "";
    public bool NotifyRegulator { get; set; }
    public bool NotifyPersons { get; set; }
    public bool NotifyOthers { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    public required string AssessedBy { get; set; }
}

public enum FilingKind { Opc, Cai, Cnil, CnilFollowUp }

/// <summary>A regulator filing: its fields as exported (edited by the officer), and when it was filed.</summary>
public class Filing : IMerchantOwned
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public int MerchantId { get; set; }
    public FilingKind Kind { get; set; }
    public string FieldsJson { get; set; } = "[]";
    public DateTimeOffset ExportedAt { get; set; }
    public DateTimeOffset? FiledAt { get; set; }
}
