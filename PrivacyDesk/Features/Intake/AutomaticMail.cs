using PrivacyDesk.Features.Intake.Mime;

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
            return $"Automatic message (Auto-Submitted: {auto.Trim()}); not opened as a request.";
        if (m.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
            return $"Bulk or list mail (Precedence: {m.Headers["Precedence"]!.Trim()}); not opened as a request.";
        if (m.Headers["X-Autoreply"] is not null || m.Headers["X-Autorespond"] is not null)
            return "Automatic reply (X-Autoreply); not opened as a request.";
        if (m.Body.ContentType.Is("multipart", "report"))
            return "Delivery or read report (multipart/report); not opened as a request.";
        var from = m.From.FirstOrDefault()?.Address ?? "";
        if (from.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase) || from.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase))
            return $"Message from {from}, a mail system; not opened as a request.";
        return null;
    }
}
