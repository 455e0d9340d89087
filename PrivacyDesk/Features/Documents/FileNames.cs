using System.Globalization;

namespace PrivacyDesk.Features.Documents;

/// <summary>
/// File names from outside (attachments, uploads), made safe to store, show and serve: no folder
/// part, no control characters, none of the characters file systems refuse, and no Unicode format
/// characters (category Cf): a right-to-left override turns "\u202Egnp.exe" into what reads as
/// "exe.png", and zero-width characters hide what a name really is.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 150;

    public static string? Safe(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = Path.GetFileName(name.Replace('\\', '/'));
        n = new string(n.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format
                                    && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray()).Trim(' ', '.');
        if (n.Length > MaxLength)
        {
            // Shortened in the middle of the name, keeping the extension, never between the two halves of a surrogate pair.
            var extension = Path.GetExtension(n) is { Length: > 0 and <= 16 } e ? e : "";
            var keep = MaxLength - extension.Length;
            if (char.IsHighSurrogate(n[keep - 1])) keep--;
            n = n[..keep].TrimEnd(' ', '.') + extension;
        }
        return n.Length == 0 ? null : n;
    }

    /// <summary>For serving a stored name (older rows were stored before this rule): never empty.</summary>
    public static string ForDownload(string? name, string fallback = "file") => Safe(name) ?? fallback;
}
