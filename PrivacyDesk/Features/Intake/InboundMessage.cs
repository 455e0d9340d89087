using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake;

/// <summary>What intake did with a message.</summary>
public enum InboundStatus
{
    /// <summary>Opened a new request.</summary>
    NewRequest,
    /// <summary>Joined an existing request's timeline (a reply).</summary>
    Reply,
    /// <summary>Could not be read or used; waits in the quarantine list for an officer.</summary>
    Quarantined,
    /// <summary>An officer opened a request from it after quarantine.</summary>
    Released,
    /// <summary>An officer dismissed it (spam, misdirected) with a reason.</summary>
    Dismissed,
    /// <summary>
    /// An officer added it, after checking, to the request it claimed to be about. Its sender and
    /// Message-ID are not thereby trusted: later mail from them is held again.
    /// </summary>
    Attached,
}

/// <summary>
/// One received email, kept as evidence: the raw message compressed, the facts intake read from it
/// and what it did. (MerchantId, DedupeKey) is unique, which is what makes intake exactly-once.
/// </summary>
public class InboundMessage : IMerchantOwned, Data.IVersioned
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int? SourceId { get; set; }

    /// <summary>Where it came from: "imap:INBOX/uid 42", "maildir:1700000000.M1.host", "upload:requests.mbox#3".</summary>
    public required string Origin { get; set; }

    /// <summary>"mid:" + Message-ID, or "sha256:" + hash of the raw bytes when there is no Message-ID.</summary>
    public required string DedupeKey { get; set; }
    public string? MessageIdHeader { get; set; }
    public string? InReplyTo { get; set; }
    public required string ContentSha256 { get; set; }

    /// <summary>The message exactly as received, gzip-compressed.</summary>
    public required byte[] RawGzip { get; set; }
    public long RawSize { get; set; }

    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public InboundStatus Status { get; set; }
    public string? QuarantineReason { get; set; }
    public int? RequestId { get; set; }

    /// <summary>The classifier's result (JSON: type, types, language, confidence, evidence).</summary>
    public string? Classification { get; set; }

    /// <summary>Attachments left out of the request because of the size cap (JSON list), shown as a note.</summary>
    public string? OmittedAttachments { get; set; }

    public string? HandledById { get; set; }
    public string? HandledByName { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
