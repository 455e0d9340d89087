namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// What the `parse` verb prints for one message, with the field names of the MimeKit oracle in
/// ../shared/corpus/mime so the two can be compared line by line.
/// </summary>
public sealed record MessageFacts(
    string? MessageId, string? InReplyTo, IReadOnlyList<string> References, string? Subject,
    IReadOnlyList<AddressFact> From, IReadOnlyList<AddressFact> To, IReadOnlyList<AddressFact> Cc,
    string? Date, string? TextBody, bool HtmlBodyPresent, int HtmlBodyLength,
    IReadOnlyList<AttachmentFact> Attachments, string? ParseError)
{
    public static MessageFacts Of(MimeMessage m)
    {
        var html = m.HtmlBody;
        return new MessageFacts(
            m.MessageId, m.InReplyTo, m.References, m.Subject,
            Facts(m.From), Facts(m.To), Facts(m.Cc),
            m.Date is { } d ? MailDates.Format(d) : null,
            m.TextBody, html is not null, html?.Length ?? 0,
            m.Attachments.Select(a => new AttachmentFact(a.FileName, a.ContentType, a.SizeBytes)).ToList(),
            m.ParseError);
    }

    private static List<AddressFact> Facts(IEnumerable<MailboxAddress> list) => list.Select(a => new AddressFact(a.Name, a.Address)).ToList();
}

public sealed record AddressFact(string? Name, string Address);

public sealed record AttachmentFact(string? FileName, string ContentType, long SizeBytes);
