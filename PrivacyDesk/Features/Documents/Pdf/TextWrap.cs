using PdfSharp.Drawing;

namespace PrivacyDesk.Features.Documents.Pdf;

/// <summary>Greedy word wrap on measured widths; a word wider than the line is cut between characters, never hyphenated.</summary>
internal static class TextWrap
{
    public static List<string> Lines(XGraphics g, string text, XFont font, double width)
    {
        // Every line a PDF prints passes here: no full card number is printed, whatever the source.
        text = CardNumbers.Mask(text) ?? "";
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) { lines.Add(""); continue; }
            var current = "";
            foreach (var word in words)
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (g.MeasureString(candidate, font).Width <= width) { current = candidate; continue; }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (g.MeasureString(current, font).Width > width && current.Length > 1)
                {
                    var fit = FittingPrefix(g, current, font, width);
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>The longest prefix (at least one character) that fits: binary search on measured width.</summary>
    private static int FittingPrefix(XGraphics g, string s, XFont font, double width)
    {
        int lo = 1, hi = s.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (g.MeasureString(s[..mid], font).Width <= width) lo = mid; else hi = mid - 1;
        }
        // Do not split a surrogate pair.
        if (lo < s.Length && char.IsLowSurrogate(s[lo]) && lo > 1) lo--;
        return lo;
    }
}
