using PdfSharp.Fonts;

namespace PrivacyDesk.Features.Documents.Pdf;

/// <summary>
/// PDFsharp on Linux needs to be told where fonts are. DejaVu (Debian's fonts-dejavu-core) covers
/// French and the rest of Latin, and is embedded (subset) in every document. Another folder with
/// the same four files can be configured (Documents:FontDirectory).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly object Gate = new();
    private static bool _installed;
    private readonly string _directory;

    private PdfFonts(string directory) => _directory = directory;

    /// <summary>Where the DejaVu files are (Documents:FontDirectory); read at the first document.</summary>
    public static string Directory { get; set; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>Sets PDFsharp's font resolver once per process (PDFsharp 6.2 is MIT: there is no licence to declare).</summary>
    public static void Install(string? directory = null)
    {
        lock (Gate)
        {
            if (_installed) return;
            var dir = directory ?? Directory;
            if (!File.Exists(Path.Combine(dir, "DejaVuSans.ttf")))
                throw new InvalidOperationException($"DejaVuSans.ttf not found in {dir}: install fonts-dejavu-core or set Documents:FontDirectory.");
            GlobalFontSettings.FontResolver = new PdfFonts(dir);
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(_directory, faceName + ".ttf");
        // Oblique faces are optional in some installs: fall back to the upright face.
        if (!File.Exists(path)) path = Path.Combine(_directory, faceName.Contains("Bold") ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        return File.ReadAllBytes(path);
    }
}
