using MimeKit;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// Mail written by machines (auto-replies, bounces, lists) must not open requests, and must never be
/// acknowledged: two auto-responders answering each other is a mail loop.
/// </summary>
public static class AutomaticMail
{
    public static string? Reason(MimeMessage m)
    {
        if (m.Headers["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return QuarantineReasons.Encode(QuarantineCode.AutoSubmitted, auto);
        if (m.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
            return QuarantineReasons.Encode(QuarantineCode.Bulk, m.Headers["Precedence"]);
        if (m.Headers["X-Autoreply"] is not null || m.Headers["X-Autorespond"] is not null)
            return QuarantineReasons.Encode(QuarantineCode.AutoReply);
        if (m.Body?.ContentType.IsMimeType("multipart", "report") == true)
            return QuarantineReasons.Encode(QuarantineCode.Report);
        var from = m.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        if (from.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase) || from.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase))
            return QuarantineReasons.Encode(QuarantineCode.MailSystem, from);
        return null;
    }
}
