using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Outbox;

/// <summary>Adds a message to the outbox inside the caller's unit of work; the sender picks it up after commit.</summary>
public static class OutboxQueue
{
    public static OutboxMessage Enqueue(PrivacyDeskDbContext db, PrivacyRequest request, Merchant merchant, RequestEvent? timelineEvent,
        OutboxKind kind, string to, string subject, string body, string defaultFrom, TimeProvider clock, string? inReplyTo = null,
        IReadOnlyList<RequestAttachment>? attachments = null)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            MerchantId = request.MerchantId,
            RequestId = request.Id,
            RequestEvent = timelineEvent,
            Kind = kind,
            FromAddress = string.IsNullOrWhiteSpace(merchant.PrivacyOfficerEmail) ? defaultFrom : merchant.PrivacyOfficerEmail!,
            FromName = merchant.Name,
            ToAddress = to,
            ToName = request.RequesterName,
            Subject = ThreadTags.Tagged(db, subject, request.Reference),
            BodyText = body,
            Language = request.Language,
            MessageIdHeader = $"{request.Reference}.{Guid.NewGuid():N}@privacydesk",
            InReplyTo = inReplyTo,
            AttachmentIds = attachments is { Count: > 0 } ? string.Join(',', attachments.Select(a => a.Id)) : null,
            Status = OutboxStatus.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>A message not tied to a request (a breach notice): tagged with the incident's reference instead.</summary>
    public static OutboxMessage EnqueueStandalone(PrivacyDeskDbContext db, int merchantId, Merchant merchant, OutboxKind kind, string to, string? toName,
        string subject, string body, string language, string tag, string defaultFrom, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            MerchantId = merchantId, Kind = kind, ToAddress = to, ToName = toName, Subject = subject, BodyText = body, Language = language,
            FromAddress = string.IsNullOrWhiteSpace(merchant.PrivacyOfficerEmail) ? defaultFrom : merchant.PrivacyOfficerEmail!, FromName = merchant.Name,
            MessageIdHeader = $"{tag}.{Guid.NewGuid():N}@privacydesk", Status = OutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }
}
