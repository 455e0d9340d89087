using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests;

/// <summary>
/// A privacy request: one ticket of the queue, from receipt to a documented close. Its deadlines are
/// computed once at receipt (and at extension) by <see cref="DeadlineCalculator"/> and stored, so the
/// queue can sort and filter on them.
/// </summary>
public class PrivacyRequest : IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }

    /// <summary>Shown to the requester and quoted in mail subjects: PD-2027-000123.</summary>
    public required string Reference { get; set; }

    /// <summary>The main type, for sorting and the queue's type column.</summary>
    public RequestType Type { get; set; }

    /// <summary>All the types asked for, as API codes separated by commas.</summary>
    public string TypeCodes { get; set; } = "";

    public ContactChannels OptOutChannels { get; set; }
    public RequestChannel Channel { get; set; }
    public Jurisdiction Jurisdiction { get; set; }
    public string Language { get; set; } = "en";

    public required string RequesterName { get; set; }
    public string? RequesterEmail { get; set; }
    public string? RequesterPhone { get; set; }
    public string? RequesterPostalAddress { get; set; }
    public int? CustomerId { get; set; }

    /// <summary>Someone acting for the person (legal representative, authorised user), with proof of authority.</summary>
    public string? AgentName { get; set; }
    public string? AgentRelationship { get; set; }
    public string? AgentProofOfAuthority { get; set; }

    public string Subject { get; set; } = "";
    public string Message { get; set; } = "";

    public RequestStatus Status { get; set; }
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? VerificationRequestedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>When the response (the access response, its machine-readable copy) was released to the requester or posted.</summary>
    public DateTimeOffset? ResponseSentAt { get; set; }

    /// <summary>From the web form, with the merchant asking for the email's confirmation, and not confirmed yet: kept apart from the queue.</summary>
    public bool AwaitingEmailConfirmation { get; set; }

    public DateOnly ReceivedOn { get; set; }
    public DateOnly AcknowledgementDue { get; set; }
    public DateOnly? ReceiptConfirmationDue { get; set; }
    public DateOnly LegalDue { get; set; }
    public DateOnly? ExtendedDue { get; set; }
    public string? ExtensionReason { get; set; }

    /// <summary>ExtendedDue ?? LegalDue: what the queue sorts by and colours.</summary>
    public DateOnly EffectiveDue { get; set; }

    /// <summary>Days the internal clock stood still while identity verification was awaited.</summary>
    public int PausedDays { get; set; }

    public IdentityVerificationMethod? VerificationMethod { get; set; }
    public string? VerificationEvidence { get; set; }
    public string? VerifiedById { get; set; }
    public string? VerifiedByName { get; set; }

    public RequestOutcome? Outcome { get; set; }

    /// <summary>Why: shown to the requester (seed 003 promises to explain a refusal).</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>For a refusal or a partial refusal: the ground, whose provision of law the letter cites (Quebec s. 34).</summary>
    public RefusalGround? RefusalGround { get; set; }

    /// <summary>Set on a request flagged as a possible duplicate of an open one.</summary>
    public int? PossibleDuplicateOfId { get; set; }
    public int? MergedIntoId { get; set; }

    /// <summary>Lower-cased, accent-free reference, name, email and subject for the queue's search box.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>For email intake: the classifier's result (JSON: type, types, language, confidence, evidence).</summary>
    public string? Classification { get; set; }

    /// <summary>For email intake: customers who may be the sender, for an officer to confirm (JSON list).</summary>
    public string? CustomerCandidates { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<RequestEvent> Events { get; set; } = [];

    public bool IsOpen => Status is not (RequestStatus.Decided or RequestStatus.Closed or RequestStatus.Merged or RequestStatus.Withdrawn);
    public IReadOnlyList<RequestType> Types => RequestTypeCodes.Split(TypeCodes);
}
