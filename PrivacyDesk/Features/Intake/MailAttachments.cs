using MimeKit;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake;

/// <summary>An attachment taken from a message onto the request.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content)
{
    public RequestAttachment ToRequestAttachment(int merchantId) => new()
    {
        MerchantId = merchantId, FileName = FileName, ContentType = ContentType, SizeBytes = Content.LongLength, Content = Content,
    };
}

/// <summary>An attachment left in the raw message because of the size cap.</summary>
public sealed record OmittedAttachment(string FileName, long SizeBytes, string Reason);

/// <summary>Chooses the attachments that go onto the request: named parts and inline images, under the size cap.</summary>
public static class MailAttachments
{
    public static List<MailAttachment> Select(MimeMessage message, int capMegabytes, out List<OmittedAttachment> omitted)
    {
        omitted = [];
        var kept = new List<MailAttachment>();
        var cap = capMegabytes * 1024L * 1024;
        var n = 0;
        // The leaves of the MIME tree, not looking inside attached messages (an attached message is one attachment).
        foreach (var part in message.BodyParts)
        {
            var isBody = part is TextPart && !part.IsAttachment && NameOf(part) is null;
            if (isBody) continue;
            n++;
            var name = SafeName(NameOf(part)) ?? $"attachment-{n}{Extension(part.ContentType.MimeType.ToLowerInvariant())}";
            var content = Content(part);
            if (content.LongLength > cap)
            {
                omitted.Add(new OmittedAttachment(name, content.LongLength, $"larger than the {capMegabytes} MB cap; kept in the original message"));
                continue;
            }
            kept.Add(new MailAttachment(name, part.ContentType.MimeType.ToLowerInvariant(), content));
        }
        return kept;
    }

    /// <summary>The name the sender gave: Content-Disposition's filename, else Content-Type's name (RFC 2231 decoded by MimeKit).</summary>
    public static string? NameOf(MimeEntity part) => part.ContentDisposition?.FileName ?? part.ContentType.Name;

    /// <summary>The decoded bytes of a part; an attached message as its own .eml.</summary>
    public static byte[] Content(MimeEntity part)
    {
        using var bytes = new MemoryStream();
        if (part is MessagePart { Message: { } attached }) attached.WriteTo(bytes);
        else if (part is MimePart { Content: { } content }) content.DecodeTo(bytes);
        return bytes.ToArray();
    }

    public static long DecodedSize(MimeEntity part) => Content(part).LongLength;

    /// <summary>A name from outside is only a label: no folders, no control characters, a sane length.</summary>
    internal static string? SafeName(string? name) => Documents.FileNames.Safe(name);

    private static string Extension(string mimeType) => mimeType switch
    {
        "message/rfc822" => ".eml",
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "text/plain" => ".txt",
        "text/html" => ".html",
        _ => ".bin",
    };
}
