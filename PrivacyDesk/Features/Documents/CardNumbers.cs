using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Features.Documents;

/// <summary>
/// Payment card numbers in any text: 13 to 19 digits, written together or with one space, dot or
/// dash between groups ("4111 1111 1111 1111", "4111.1111.1111.1111", "4111-1111-1111-1111"), that
/// pass the Luhn check. They are refused at import and masked in whatever PrivacyDesk stores from
/// outside or prints (documents, CSV, the machine-readable copy): no full card number may be kept
/// or disclosed (PCI DSS 3.4), even one a person typed into an email.
/// </summary>
public static partial class CardNumbers
{
    public static bool Contains(string? text) => text is not null && Candidates(text).Any();

    /// <summary>The text with every card number shown as its last four digits ("•••• 1111").</summary>
    public static string? Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        StringBuilder? sb = null; // most text has none: nothing is copied then
        var last = 0;
        foreach (var m in Candidates(text))
        {
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, last, m.Index - last);
            var digits = Digits(m.Value);
            sb.Append("•••• ").Append(digits[^4..]);
            last = m.Index + m.Length;
        }
        return sb is null ? text : sb.Append(text, last, text.Length - last).ToString();
    }

    private static IEnumerable<Match> Candidates(string text) =>
        Run().Matches(text).Where(m => Digits(m.Value) is { Length: >= 13 and <= 19 } d && Luhn(d));

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }

    // Digits with at most one separator between them, not glued to other digits on either side.
    [GeneratedRegex(@"(?<![0-9])[0-9](?:[ .\-]?[0-9]){12,18}(?![0-9])")]
    private static partial Regex Run();
}
