using System.Text.RegularExpressions;

namespace PrivacyDesk.Features.Documents.Review;

public enum FlagKind { OtherEmail, OtherPhone, ThirdPartyName, InternalRemark, InternalNote }

/// <summary>A part of a text that looks like someone else's data or an internal remark.</summary>
public sealed record Flag(FlagKind Kind, int Start, int Length, string Value);

/// <summary>What is the requester's own: their name, email addresses and phone numbers are not flagged.</summary>
public sealed record OwnIdentifiers(IReadOnlySet<string> Emails, IReadOnlySet<string> PhoneDigits, IReadOnlyList<string> ThirdPartyNames);

/// <summary>
/// Finds, in free text about to be disclosed, what a careful officer would look at twice: email
/// addresses and phone numbers that are not the requester's, the names of third parties we know of
/// (people the requester referred), and wording that reads as an internal remark ("do not disclose",
/// "client difficile"). Written here because no library does this for French and English office
/// notes; it flags for a human, it never decides.
/// </summary>
public static partial class DisclosureScanner
{
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // North American (514-555-0101, (514) 555 0101, +1 514 555 0101) and French (06 12 34 56 78, +33 6 12 34 56 78) numbers.
    [GeneratedRegex(@"(?<!\w)(?:\+?1[ .\-]?)?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]?\d{4}(?!\w)|(?<!\w)(?:\+33 ?|0)[1-9](?:[ .\-]?\d{2}){4}(?!\w)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?:interne|internal|confidentiel(?:le)?|ne pas (?:divulguer|communiquer|transmettre)|à ne pas (?:divulguer|communiquer)|do not (?:disclose|share|tell)|not for (?:the )?(?:customer|client)|entre nous|between us|liste noire|blacklist(?:ed)?|client difficile|cliente difficile|difficult customer|agressi(?:f|ve)|aggressive|impoli(?:e)?|rude|menteu(?:r|se)|liar|suspect(?:e)?|fraudeu(?:r|se)|fraudster)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Remark();

    public static IReadOnlyList<Flag> Scan(string? text, OwnIdentifiers own)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var flags = new List<Flag>();
        foreach (Match m in Email().Matches(text))
            if (!own.Emails.Contains(m.Value.ToLowerInvariant())) flags.Add(new(FlagKind.OtherEmail, m.Index, m.Length, m.Value));
        foreach (Match m in Phone().Matches(text))
            if (!own.PhoneDigits.Contains(Digits(m.Value))) flags.Add(new(FlagKind.OtherPhone, m.Index, m.Length, m.Value));
        foreach (var name in own.ThirdPartyNames.Where(n => n.Length >= 3))
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.OrdinalIgnoreCase))
                flags.Add(new(FlagKind.ThirdPartyName, at, name.Length, text.Substring(at, name.Length)));
        foreach (Match m in Remark().Matches(text)) flags.Add(new(FlagKind.InternalRemark, m.Index, m.Length, m.Value));
        return flags.OrderBy(f => f.Start).ToList();
    }

    /// <summary>
    /// The text with every flagged piece of another person's data (the values the review showed) replaced by the
    /// redaction mark, wherever it occurs; remarks are left as they are (withholding the item is for them).
    /// </summary>
    public static string Redact(string text, IReadOnlyList<Flag> flags, string mark) =>
        flags.Where(f => f.Kind is FlagKind.OtherEmail or FlagKind.OtherPhone or FlagKind.ThirdPartyName).Select(f => f.Value).Distinct()
            .OrderByDescending(v => v.Length)
            .Aggregate(text, (current, value) => Regex.Replace(current, Regex.Escape(value), mark, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    /// <summary>One form per number: "+1 (514) 555-0101" and "514.555.0101", "+33 6 12 34 56 78" and "06 12 34 56 78" are the same.</summary>
    public static string Digits(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        if (digits.Length == 11 && digits.StartsWith("33", StringComparison.Ordinal)) return "0" + digits[2..];
        return digits.Length > 10 ? digits[^10..] : digits;
    }
}
