namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// One node of a parsed message: a leaf part, a multipart container, or an attached message.
/// Content stays in the source buffer until asked for, so parsing a large message copies nothing.
/// </summary>
public sealed class MimeEntity
{
    internal MimeEntity(byte[] source, MimeHeaders headers, ContentType contentType, int contentStart, int contentEnd)
    {
        Source = source;
        Headers = headers;
        ContentType = contentType;
        ContentStart = contentStart;
        ContentEnd = contentEnd;
        Disposition = headers["Content-Disposition"] is { } d ? HeaderParameters.Parse(d) : null;
    }

    internal byte[] Source { get; }
    internal int ContentStart { get; }
    internal int ContentEnd { get; set; }

    public MimeHeaders Headers { get; }
    public ContentType ContentType { get; }
    public HeaderParameters? Disposition { get; }
    public List<MimeEntity> Children { get; } = [];

    /// <summary>The parsed message when this is a message/rfc822 part.</summary>
    public MimeMessage? Message { get; internal set; }

    /// <summary>True when the part was read as a multipart container (it had a boundary).</summary>
    public bool IsMultipart { get; internal set; }

    public string? TransferEncoding => Headers["Content-Transfer-Encoding"]?.Trim().ToLowerInvariant();

    public bool IsAttachment => Disposition is { } d && d.Value.Equals("attachment", StringComparison.OrdinalIgnoreCase);

    public string? FileName
    {
        get
        {
            var name = Disposition?["filename"] ?? ContentType.Name;
            if (name is null) return null;
            name = name.Trim();
            return name.Length == 0 ? null : name;
        }
    }

    public string? ContentId => Headers["Content-ID"]?.Trim().Trim('<', '>');

    public ReadOnlySpan<byte> RawContent => Source.AsSpan(ContentStart, Math.Max(0, ContentEnd - ContentStart));

    public byte[] DecodeContent() => TransferEncodings.Decode(RawContent, TransferEncoding);

    /// <summary>The decoded text of a text/* part (format=flowed unwrapped, as mail clients display it).</summary>
    public string GetText()
    {
        // Line breaks are normalised to "\n" as mail readers present them (the raw message keeps the original).
        var text = Charsets.Decode(DecodeContent(), ContentType.Charset).Replace("\r\n", "\n");
        var flowed = ContentType.Header["format"];
        if (ContentType.Is("text", "plain") && string.Equals(flowed, "flowed", StringComparison.OrdinalIgnoreCase))
            text = FlowedText.Unwrap(text, string.Equals(ContentType.Header["delsp"], "yes", StringComparison.OrdinalIgnoreCase));
        return text;
    }

    /// <summary>The entity and every entity inside it, depth first, not entering attached messages.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.Descendants())
                yield return d;
    }
}
