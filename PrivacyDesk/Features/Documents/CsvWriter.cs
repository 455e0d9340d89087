using System.Text;

namespace PrivacyDesk.Features.Documents;

/// <summary>
/// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows "é" as é), comma-separated,
/// RFC 4180 quoting, and cells that a spreadsheet would run as a formula (=, +, -, @, also after a
/// separator inside the cell) prefixed with an apostrophe: a customer's name must never become a
/// formula in a manager's spreadsheet, whatever list separator the spreadsheet uses.
/// </summary>
public static class CsvWriter
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sb = new StringBuilder();
        Line(sb, header);
        foreach (var row in rows) Line(sb, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static void Line(StringBuilder sb, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Cell(cells[i]));
        }
        sb.Append("\r\n");
    }

    internal static string Cell(string? value)
    {
        var v = CardNumbers.Mask(value) ?? "";
        if (!IsNumber(v)) v = Neutralised(v);
        // Quoted whenever a spreadsheet could split it: French locales split on ';', others on ',' or tab.
        return v.IndexOfAny(['"', ',', ';', '\t', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    /// <summary>
    /// An apostrophe before every formula trigger that starts the cell or follows a separator (with any
    /// spaces between): "x;=1+1" opened with ';' as the list separator would otherwise run "=1+1".
    /// </summary>
    private static string Neutralised(string v)
    {
        var sb = new StringBuilder(v.Length + 2);
        var atStart = true;
        foreach (var c in v)
        {
            if (atStart && c is '=' or '+' or '-' or '@' or '\t' or '\r') sb.Append('\'');
            sb.Append(c);
            atStart = c is ',' or ';' or '\t' or '\r' or '\n' or '|' || (atStart && c == ' ');
        }
        return sb.ToString();
    }

    private static bool IsNumber(string v) => decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _);
}
