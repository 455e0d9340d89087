using PrivacyDesk.Features.Intake.Mime;
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
        foreach (var part in message.Body.Descendants())
        {
            if (part.IsMultipart) continue;
            var isBody = part.ContentType.MediaType == "text" && !part.IsAttachment && part.FileName is null;
            if (isBody) continue;
            n++;
            var name = SafeName(part.FileName) ?? $"attachment-{n}{Extension(part.ContentType.MimeType)}";
            var content = part.Message is not null ? part.RawContent.ToArray() : part.DecodeContent();
            if (content.LongLength > cap)
            {
                omitted.Add(new OmittedAttachment(name, content.LongLength, $"larger than the {capMegabytes} MB cap; kept in the original message"));
                continue;
            }
            kept.Add(new MailAttachment(name, part.ContentType.MimeType, content));
        }
        return kept;
    }

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
