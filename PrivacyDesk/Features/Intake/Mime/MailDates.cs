using System.Globalization;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// RFC 5322 dates and the broken forms mail really carries: missing weekday or seconds, two-digit
/// years, named or military zones, "+01:00", trailing comments, day and month swapped in order.
/// The header's own offset is kept.
/// </summary>
public static class MailDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> Zones = new(StringComparer.Ordinal) // upper case only: a lower-case "cst" is not trusted as a zone
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AST"] = -4, ["ADT"] = -3, ["NST"] = -3, ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["MET"] = 1, ["MEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["JST"] = 9,
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        TimeSpan? offset = null;
        var pm = false;
        foreach (var raw in Tokens(value))
        {
            var t = raw.Trim('.', ',');
            if (t.Length == 0) continue;
            if (hour is null && t.Contains(':') && TryTime(t, out var h, out var m, out var sec, out var inlineZone))
            {
                hour = h; minute = m; second = sec;
                if (inlineZone is not null) offset = inlineZone;
                continue;
            }
            if (offset is null && (t[0] is '+' or '-') && TryNumericZone(t, out var z)) { offset = z; continue; }
            if (month is null && t.Length >= 3 && Array.IndexOf(Months, t[..3].ToLowerInvariant()) is var mi and >= 0 && t.All(char.IsLetter))
            {
                month = mi + 1;
                continue;
            }
            if (t.Equals("PM", StringComparison.OrdinalIgnoreCase)) { pm = true; continue; }
            if (t.Equals("AM", StringComparison.OrdinalIgnoreCase)) continue;
            if (t.All(char.IsAsciiDigit))
            {
                var n = int.Parse(t, CultureInfo.InvariantCulture);
                if (day is null && t.Length <= 2 && n is >= 1 and <= 31) day = n;
                else if (year is null && (t.Length == 4 || (t.Length <= 2 && day is not null))) year = t.Length <= 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
                else if (year is null && t.Length == 3) year = 1900 + n;
                continue;
            }
            if (offset is null && Zones.TryGetValue(t, out var hours)) { offset = TimeSpan.FromHours(hours); continue; }
            // RFC 822 military zones were defined with the wrong sign; RFC 5322 says to read them as +0000.
            if (offset is null && t.Length == 1 && char.IsLetter(t[0])) { offset = TimeSpan.Zero; continue; }
        }
        if (day is null || month is null || year is null) return null;
        if (pm && hour is < 12) hour += 12;
        try
        {
            return new DateTimeOffset(year.Value, month.Value, Math.Min(day.Value, DateTime.DaysInMonth(year.Value, month.Value)),
                hour ?? 0, minute ?? 0, second ?? 0, offset ?? TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    private static IEnumerable<string> Tokens(string value)
    {
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            if (c == '(') { depth++; Emit(ref start, i, out var tok); if (tok is not null) yield return tok; continue; }
            if (c == ')') { if (depth > 0) depth--; continue; }
            if (depth > 0) continue;
            if (char.IsWhiteSpace(c) || c == ',')
            {
                Emit(ref start, i, out var tok);
                if (tok is not null) yield return tok;
            }
            else if (start < 0) start = i;
        }

        void Emit(ref int s, int end, out string? token)
        {
            token = s >= 0 ? value[s..end] : null;
            s = -1;
        }
    }

    private static bool TryTime(string t, out int h, out int m, out int s, out TimeSpan? zone)
    {
        h = m = s = 0;
        zone = null;
        var zi = t.IndexOfAny(['+', '-'], 1);
        var time = zi > 0 ? t[..zi] : t;
        if (zi > 0 && TryNumericZone(t[zi..], out var z)) zone = z;
        var parts = time.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        if (!int.TryParse(parts[0], out h) || !int.TryParse(parts[1], out m)) return false;
        if (parts.Length == 3 && !int.TryParse(parts[2].Split('.')[0], out s)) return false;
        return h is >= 0 and < 24 && m is >= 0 and < 60 && s is >= 0 and < 61 && (s = Math.Min(s, 59)) >= 0;
    }

    private static bool TryNumericZone(string t, out TimeSpan zone)
    {
        zone = default;
        var digits = t[1..].Replace(":", "");
        if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit)) return false;
        var hh = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var mm = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        if (hh > 14 || mm > 59) return false;
        zone = new TimeSpan(hh, mm, 0) * (t[0] == '-' ? -1 : 1);
        return true;
    }

    /// <summary>The oracle's and the CLI's format: the header's own offset, "yyyy-MM-ddTHH:mm:sszzz".</summary>
    public static string Format(DateTimeOffset d) => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
