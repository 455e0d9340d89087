using System.Diagnostics;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Documents;

/// <summary>Reads generated PDFs the way an independent tool sees them: poppler's pdftotext, pdfinfo and pdftoppm.</summary>
public static class PdfText
{
    public static string Extract(byte[] pdf, bool layout = false) => Run("pdftotext", pdf, layout ? "-layout {0} -" : "{0} -");

    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "{0}");

    /// <summary>The logical structure tree with each element's text, as poppler reads it (pdfinfo -struct-text).</summary>
    public static string Structure(byte[] pdf) => Run("pdfinfo", pdf, "-struct-text {0}");

    /// <summary>The bookmarks, as poppler lists them (pdfinfo -struct is not outlines; pdftotext does not show them): read via qpdf-free means, the outline titles are in the file's strings.</summary>
    public static string Outline(byte[] pdf)
    {
        // Outline titles are stored as PDF text strings (UTF-16BE with BOM for non-ASCII): decode every such string.
        var latin = System.Text.Encoding.Latin1.GetString(pdf);
        var titles = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(latin, @"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)"))
            titles.Add(m.Groups[1].Value.StartsWith('<')
                ? System.Text.Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[1].Value.Trim('<', '>'))).TrimStart('\uFEFF')
                : m.Groups[1].Value);
        return string.Join("\n", titles);
    }

    /// <summary>pdffonts' table: name, type, encoding, embedded, subset, unicode map.</summary>
    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    /// <summary>Text per page (pdftotext separates pages with a form feed).</summary>
    public static string[] Pages(byte[] pdf) => Extract(pdf).Split('\f');

    /// <summary>Renders page 1 to test-output/NAME.png for a person to look at; returns the path.</summary>
    public static string RenderFirstPage(byte[] pdf, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pd-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var prefix = Path.Combine(RepoPaths.TestOutput, name);
            Exec("pdftoppm", $"-png -r 80 -f 1 -l 1 -singlefile {file} {prefix}");
            return prefix + ".png";
        }
        finally { File.Delete(file); }
    }

    private static string Run(string tool, byte[] pdf, string args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pd-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try { return Exec(tool, string.Format(args, file)); }
        finally { File.Delete(file); }
    }

    private static string Exec(string tool, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {args}: {error}");
        return output;
    }
}
