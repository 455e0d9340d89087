using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Outbox;

public enum OutboxStatus { Queued, Sent, Retrying, Failed, Cancelled }

public enum OutboxKind { Acknowledgement, Reply, Notice, PolicyNotice, LegalProcessNotice, RecipientNotice, RecipientList }

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that caused it
/// (transactional outbox): a crash never sends a reply for a change that did not commit, nor loses one that did.
/// </summary>
public class OutboxMessage : IMerchantOwned
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int? RequestId { get; set; }
    public long? RequestEventId { get; set; }
    public RequestEvent? RequestEvent { get; set; }
    public OutboxKind Kind { get; set; }

    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string BodyText { get; set; }
    public string Language { get; set; } = "en";

    /// <summary>Our Message-ID, so that the person's reply threads back to the request.</summary>
    public required string MessageIdHeader { get; set; }
    public string? InReplyTo { get; set; }
    /// <summary>The request's files sent with it (RequestAttachment ids, comma-separated): the PDFs are stored once, on the timeline.</summary>
    public string? AttachmentIds { get; set; }
    /// <summary>The body holds a one-time link or code: emptied once sent, so that the outbox keeps no working credential.</summary>
    public bool ForgetBodyOnceSent { get; set; }
    /// <summary>A policy-change notice: the campaign's per-person record this message carries (its outcome is written back).</summary>
    public long? CampaignRecipientId { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
