using PrivacyDesk.Features.Documents.Pdf;

namespace PrivacyDesk.Tests.Features.Documents;

public sealed class PdfLayoutTests
{
    private static PdfDoc Doc(IReadOnlyList<PdfBlock> blocks, string language = "fr-CA", string pageFormat = "Page {0} de {1}") =>
        new("Titre du document", "Meubles Laval", "Essai", language, "Meubles Laval", "PD-2026-000042", pageFormat, blocks);

    [Fact]
    public void Documents_are_tagged_in_reading_order_with_their_language_and_alternative_texts()
    {
        var rows = Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)[$"CMD-{i:D5}", $"Article {i}"]).ToList();
        var pdf = PdfRenderer.Render(Doc([
            new PdfHeading("Vos renseignements"),
            new PdfParagraph("Voici ce que nous détenons."),
            new PdfBullets(["Premier droit", "Second droit"]),
            new PdfKeyValues([("Référence", "PD-2026-000042")]),
            new PdfTable([new("Commande"), new("Articles", 3)], rows),
            new PdfBarChart("Demandes par mois", ["2026-10", "2026-11"], [("Accès", [3, 5])]),
        ]));
        Assert.Contains("Tagged:          yes", PdfText.Info(pdf));
        var tree = PdfText.Structure(pdf);
        // Reading order: the heading, then the paragraph, the list, the label/value pair, the table, the chart.
        var order = new[] { "H1", "Vos renseignements", "P", "Voici ce que nous détenons.", "L", "LI", "Premier droit", "Table", "TH", "Référence", "TD", "PD-2026-000042",
            "TH", "Commande", "TD", "CMD-00001", "CMD-00080", "Figure" };
        var at = 0;
        foreach (var expected in order)
        {
            var found = tree.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"\"{expected}\" missing or out of order in the structure:\n{tree[..Math.Min(tree.Length, 4000)]}");
            at = found;
        }
        // The running header and the header row repeated on later pages are artifacts: once in the tree, not once per page.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(tree, @"\bCommande\b"));
        Assert.DoesNotContain("Page 1 de", tree);
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Contains("/Lang(fr-CA)", raw.Replace(" ", ""));
        Assert.Contains("/Alt", raw); // the chart's alternative text
    }

    [Fact]
    public void Tables_that_span_pages_repeat_their_header_and_pages_are_numbered()
    {
        var rows = Enumerable.Range(1, 150).Select(i => (IReadOnlyList<string>)[$"CMD-{i:D5}", $"2026-{(i % 12) + 1:D2}-15", $"Article numéro {i} — chaise éàçô", $"{i * 3.5:0.00} $"]).ToList();
        var pdf = PdfRenderer.Render(Doc([
            new PdfHeading("Commandes"),
            new PdfParagraph("Voici vos commandes."),
            new PdfTable([new("Numéro de commande"), new("Date"), new("Articles", 3), new("Total", 1, AlignRight: true)], rows),
        ]));

        var pages = PdfText.Pages(pdf).Where(p => p.Trim().Length > 0).ToArray();
        Assert.True(pages.Length >= 3, $"{pages.Length} pages");
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Contains($"Page {i + 1} de {pages.Length}", pages[i]);
            Assert.Contains("Articles", pages[i]); // the header row on every page of the table (rows say "Article")
            Assert.Contains("PD-2026-000042", pages[i]);
            Assert.Contains("Meubles Laval", pages[i]);
        }
        var text = PdfText.Extract(pdf);
        Assert.Contains("CMD-00001", text);
        Assert.Contains("CMD-00150", text);
        Assert.Contains("chaise éàçô", text); // accents survive: embedded Unicode font
        Assert.Equal(150, System.Text.RegularExpressions.Regex.Matches(text, @"CMD-\d{5}").Count); // no row lost or doubled at breaks
    }

    [Fact]
    public void Metadata_outline_and_long_words_break_without_hyphens()
    {
        var longWord = new string('W', 400);
        var pdf = PdfRenderer.Render(Doc([
            new PdfHeading("Première section"),
            new PdfParagraph("Début " + longWord + " fin."),
            new PdfHeading("Sous-section", 2),
            new PdfBullets(["un", "deux"]),
            new PdfKeyValues([("Référence", "PD-2026-000042"), ("Reçue le", "2026-11-02")]),
            new PdfPageBreak(),
            new PdfHeading("Deuxième section"),
            new PdfBarChart("Demandes par mois", ["sept.", "oct.", "nov."], [("Accès", [3, 5, 2]), ("Suppression", [1, 0, 4])]),
            new PdfSignature(["Sophie Gagnon", "Responsable de la protection des renseignements personnels"]),
        ]));

        var info = PdfText.Info(pdf);
        Assert.Matches(@"Title:\s+Titre du document", info);
        Assert.Matches(@"Author:\s+Meubles Laval", info);
        Assert.Matches(@"Pages:\s+2\b", info);
        var text = PdfText.Extract(pdf);
        Assert.Equal(400, text.Count(c => c == 'W'));
        Assert.DoesNotContain("W-", text);
        Assert.Contains("Suppression", text);
        var fonts = PdfText.Fonts(pdf).Split('\n').Where(l => l.Contains("DejaVu")).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"\byes\s+yes\s+yes\b", f)); // embedded, subset, with a Unicode map
        Assert.Contains("Première section", PdfText.Outline(pdf));
        Assert.Contains("Sous-section", PdfText.Outline(pdf));
        var png = PdfText.RenderFirstPage(pdf, "pdf-layout-page1");
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void Images_are_placed_scaled()
    {
        var png = TinyPng(40, 20);
        var pdf = PdfRenderer.Render(Doc([new PdfImage(png, 120, "Logo de la boutique"), new PdfParagraph("Après le logo")]));
        Assert.Contains("Après le logo", PdfText.Extract(pdf));
        Assert.Contains("/Image", System.Text.Encoding.Latin1.GetString(pdf));
    }

    /// <summary>A solid-colour RGB PNG written by hand (zlib from the framework, CRC-32 below), so the test needs no image library.</summary>
    internal static byte[] TinyPng(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++) { raw.WriteByte(63); raw.WriteByte(81); raw.WriteByte(181); }
        }
        var z = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(zlib);
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        static void Chunk(Stream s, string type, byte[] data)
        {
            s.Write(BigEndian(data.Length));
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            s.Write(typed);
            s.Write(BigEndian((int)Crc32(typed)));
        }
        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            return ~crc;
        }
    }
}
