namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>One attachment as listed to staff: name, type, decoded size and content id.</summary>
public sealed record MimeAttachment(string? FileName, string ContentType, long SizeBytes, string? ContentId, MimeEntity Entity);

/// <summary>A parsed message: envelope headers decoded, bodies chosen as a mail client would, attachments listed.</summary>
public sealed class MimeMessage
{
    internal MimeMessage(byte[] source, int start, int end, MimeEntity body, string? error)
    {
        Source = source;
        Start = start;
        End = end;
        Body = body;
        ParseError = error;
    }

    internal byte[] Source { get; }
    internal int Start { get; }
    internal int End { get; }

    public MimeEntity Body { get; }
    public MimeHeaders Headers => Body.Headers;

    /// <summary>Why the message could not be read, or null when it could.</summary>
    public string? ParseError { get; }

    public ReadOnlySpan<byte> Raw => Source.AsSpan(Start, End - Start);
    public int Size => End - Start;

    public string? Subject => Headers["Subject"] is { } s ? Unfold(EncodedWords.Decode(s)).Trim() : null;
    public IReadOnlyList<MailboxAddress> From => AddressParser.Parse(Headers["From"]);
    public IReadOnlyList<MailboxAddress> To => Addresses("To");
    public IReadOnlyList<MailboxAddress> Cc => Addresses("Cc");
    public IReadOnlyList<MailboxAddress> ReplyTo => AddressParser.Parse(Headers["Reply-To"]);
    public DateTimeOffset? Date => MailDates.Parse(Headers["Date"]);
    public string? MessageId => MessageIds.Parse(Headers["Message-ID"]).FirstOrDefault();
    public string? InReplyTo => MessageIds.Parse(Headers["In-Reply-To"]).FirstOrDefault();
    public IReadOnlyList<string> References => MessageIds.Parse(Headers["References"]);

    public string? TextBody => BodySelector.Find(Body, "plain")?.GetText();
    public string? HtmlBody => BodySelector.Find(Body, "html")?.GetText();

    /// <summary>Parts with a Content-Disposition of attachment, not looking inside attached messages.</summary>
    public IReadOnlyList<MimeAttachment> Attachments =>
        Body.Descendants().Where(e => !e.IsMultipart && e.IsAttachment)
            .Select(e => new MimeAttachment(e.FileName, e.ContentType.MimeType,
                e.Message is not null ? e.RawContent.Length : e.DecodeContent().LongLength, e.ContentId, e))
            .ToList();

    private List<MailboxAddress> Addresses(string name) =>
        Headers.All(name).SelectMany(AddressParser.Parse).ToList();

    private static string Unfold(string s) => s.Replace("\r", "").Replace("\n", "");
}

/// <summary>Message-ID, In-Reply-To and References values: the ids between angle brackets, or bare words.</summary>
public static class MessageIds
{
    public static List<string> Parse(string? value)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(value)) return ids;
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('<', i);
            if (open < 0) break;
            var close = value.IndexOf('>', open + 1);
            if (close < 0) break;
            var id = string.Concat(value[(open + 1)..close].Where(c => !char.IsWhiteSpace(c)));
            if (id.Length > 0) ids.Add(id);
            i = close + 1;
        }
        if (ids.Count == 0)
            ids.AddRange(value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Contains('@')));
        return ids;
    }
}
