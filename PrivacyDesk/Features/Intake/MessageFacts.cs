using MimeKit;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// What the `parse` verb prints for one message, with the field names of the MimeKit oracle in
/// testdata/corpus/mime, so that what intake takes from MimeKit can be compared line by line.
/// </summary>
public sealed record MessageFacts(
    string? MessageId, string? InReplyTo, IReadOnlyList<string> References, string? Subject,
    IReadOnlyList<AddressFact> From, IReadOnlyList<AddressFact> To, IReadOnlyList<AddressFact> Cc,
    string? Date, string? TextBody, bool HtmlBodyPresent, int HtmlBodyLength,
    IReadOnlyList<AttachmentFact> Attachments, string? ParseError)
{
    public static MessageFacts Of(ParsedMail parsed)
    {
        if (parsed.Message is not { } m)
            return new MessageFacts(null, null, [], null, [], [], [], null, null, false, 0, [], parsed.Error);
        var html = m.HtmlBody;
        return new MessageFacts(
            m.MessageId, m.InReplyTo, m.References.ToList(), m.Subject,
            Facts(m.From), Facts(m.To), Facts(m.Cc),
            MailParsing.Date(m)?.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            m.TextBody, html is not null, html?.Length ?? 0,
            m.Attachments.Select(a => new AttachmentFact(MailAttachments.NameOf(a), a.ContentType.MimeType.ToLowerInvariant(), MailAttachments.DecodedSize(a))).ToList(),
            parsed.Error);
    }

    private static List<AddressFact> Facts(InternetAddressList list) =>
        list.Mailboxes.Select(a => new AddressFact(string.IsNullOrEmpty(a.Name) ? null : a.Name, a.Address)).ToList();
}

public sealed record AddressFact(string? Name, string Address);

public sealed record AttachmentFact(string? FileName, string ContentType, long SizeBytes);
