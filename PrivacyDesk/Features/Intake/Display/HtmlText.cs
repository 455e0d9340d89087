using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PrivacyDesk.Features.Intake.Display;

/// <summary>HTML mail as plain text, for officers, search and classification: block elements become line breaks; scripts and styles vanish.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = ["P", "DIV", "BR", "LI", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL", "HR"];

    public static string? ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        var doc = new HtmlParser().ParseDocument(html);
        var sb = new StringBuilder();
        Walk(doc.Body ?? (INode)doc.DocumentElement, sb);
        var lines = sb.ToString().Split('\n').Select(l => string.Join(' ', l.Split([' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)));
        var text = string.Join('\n', lines);
        while (text.Contains("\n\n\n", StringComparison.Ordinal)) text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        return text.Trim();
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t) { sb.Append(t.Data.Replace('\r', ' ').Replace('\n', ' ')); continue; }
            if (child is not IElement e) continue;
            if (e.TagName is "SCRIPT" or "STYLE" or "HEAD" or "TITLE" or "TEMPLATE" or "NOSCRIPT") continue;
            var block = Blocks.Contains(e.TagName);
            if (block && e.TagName != "BR") sb.Append('\n');
            Walk(e, sb);
            if (block) sb.Append('\n');
            else if (e.TagName is "TD" or "TH") sb.Append('\t');
        }
    }
}
