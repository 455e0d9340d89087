using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Requests;

public enum RequestEventKind
{
    Created, Note, StatusChanged, Assigned, Acknowledged, VerificationRequested, Verified, Extended, Decided,
    Closed, Reopened, Reply, EmailReceived, EmailSent, Document, Merged, DuplicateFlagged, CustomerLinked, ClassificationCorrected,
    DeadlineChanged,
    // The requester's portal: the link sent or revoked, their email confirmed by code, what they wrote or
    // uploaded there, the response released to them and each download of it.
    PortalLinkSent, PortalLinkRevoked, PortalEmailConfirmed, PortalMessage, ResponseReleased, PortalDownload,
    // A recipient of the person's data told of a rectification or erasure (GDPR art. 19): listed, sent, confirmed, waived; the list given to the requester.
    RecipientNotice,
}

/// <summary>One line of a request's timeline. Appended, never edited.</summary>
public class RequestEvent : IMerchantOwned
{
    public long Id { get; set; }
    public int RequestId { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public RequestEventKind Kind { get; set; }
    public required string ActorId { get; set; }
    public string? ActorName { get; set; }

    /// <summary>Free text: the note, the reply's body, the reason. Always shown as text, never as HTML.</summary>
    public string? Text { get; set; }

    /// <summary>A short machine-readable detail: from/to status, reply subject and recipient, etc. (JSON).</summary>
    public string? Data { get; set; }

    public List<RequestAttachment> Attachments { get; set; } = [];
}

/// <summary>A file attached to a timeline event (letter scan, proof of authority, generated PDF).</summary>
public class RequestAttachment : IMerchantOwned
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public int MerchantId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required byte[] Content { get; set; }
}
