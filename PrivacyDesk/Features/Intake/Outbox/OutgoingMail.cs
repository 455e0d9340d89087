using System.Text;
using MimeKit;
using MimeKit.Text;

namespace PrivacyDesk.Features.Intake.Outbox;

/// <summary>
/// An outbox message as MimeKit writes it: RFC 2047 headers for names and subjects in any language,
/// our own Message-ID (so a reply can be threaded back, MailThreading), In-Reply-To and References
/// so it threads in the person's mail client, quoted-printable UTF-8 text, and its attachments.
/// </summary>
public static class OutgoingMail
{
    public static MimeMessage Build(OutboxMessage m, IReadOnlyList<OutgoingAttachment> attachments)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(m.FromName, m.FromAddress));
        message.To.Add(new MailboxAddress(m.ToName, m.ToAddress));
        message.Subject = m.Subject;
        message.MessageId = m.MessageIdHeader;
        message.Date = m.CreatedAt;
        if (m.InReplyTo is { Length: > 0 } irt)
        {
            message.InReplyTo = irt;
            message.References.Add(irt);
        }
        message.Headers.Add("Content-Language", m.Language == "fr" ? "fr-CA" : "en-CA");
        // RFC 3834: an automatic acknowledgement says so, so other robots do not answer it (no mail loops).
        if (m.Kind == OutboxKind.Acknowledgement) message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, m.BodyText);
        if (attachments.Count == 0)
        {
            message.Body = text;
            return message;
        }
        var mixed = new Multipart("mixed") { text };
        foreach (var a in attachments)
        {
            // A type stored from outside may not parse: the file still goes, as plain bytes.
            mixed.Add(new MimePart(ContentType.TryParse(a.ContentType, out var type) ? type : new ContentType("application", "octet-stream"))
            {
                Content = new MimeContent(new MemoryStream(a.Content, writable: false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = a.FileName,
            });
        }
        message.Body = mixed;
        return message;
    }
}
