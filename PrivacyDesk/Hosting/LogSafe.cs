using System.Text.RegularExpressions;

namespace PrivacyDesk.Hosting;

/// <summary>Logs carry no personal data: text from outside (server replies, exception messages) has email addresses masked before it is logged.</summary>
public static partial class LogSafe
{
    public static string Redact(string? text) => text is null ? "" : Email().Replace(text, m => "***@" + m.Groups[2].Value);

    [GeneratedRegex(@"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();
}
