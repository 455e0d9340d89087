using System.Text;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>RFC 3676 format=flowed: soft line breaks (a line ending in a space) are joined.</summary>
public static class FlowedText
{
    public static string Unwrap(string text, bool deleteSpace)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n');
        var sb = new StringBuilder(text.Length);
        var paragraphOpen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var depth = 0;
            while (depth < line.Length && line[depth] == '>') depth++;
            var content = line[depth..];
            if (content.StartsWith(' ')) content = content[1..]; // space-stuffing
            if (!paragraphOpen && depth > 0) sb.Append('>', depth).Append(' ');
            var flowed = content.EndsWith(' ') && content != "-- ";
            if (flowed && deleteSpace) content = content[..^1];
            sb.Append(content);
            paragraphOpen = flowed;
            if (!flowed && i < lines.Length - 1) sb.Append(newline);
        }
        return sb.ToString();
    }
}
