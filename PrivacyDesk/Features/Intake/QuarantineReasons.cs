using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Intake;

/// <summary>Why a message was kept out of the queue.</summary>
public enum QuarantineCode { TooLarge, Unreadable, NoSender, AutoSubmitted, Bulk, AutoReply, Report, MailSystem, Empty, NotOpened, Failed, ClaimsReference, NoticeBounced }

/// <summary>
/// A quarantine reason is stored as its code and, where useful, the technical detail (the header
/// value, the parser's error, the cap): "AutoSubmitted: auto-replied". Officers read it in their own
/// language; the stored form stays the same whoever reads it, and reads well in the CLI and the audit.
/// </summary>
public static class QuarantineReasons
{
    public static string Encode(QuarantineCode code, string? detail = null) =>
        string.IsNullOrWhiteSpace(detail) ? code.ToString() : $"{code}: {detail.Trim()}";

    /// <summary>The reason in the reader's language; a reason stored before codes existed is shown as it was written.</summary>
    public static string Describe(string? stored, UiText text)
    {
        if (string.IsNullOrEmpty(stored)) return "";
        var colon = stored.IndexOf(':');
        var head = colon < 0 ? stored : stored[..colon];
        if (!Enum.TryParse<QuarantineCode>(head, out var code) || !Enum.IsDefined(code)) return stored;
        var detail = colon < 0 ? "" : stored[(colon + 1)..].Trim();
        return text.Format($"Quarantine.{code}", detail);
    }
}
