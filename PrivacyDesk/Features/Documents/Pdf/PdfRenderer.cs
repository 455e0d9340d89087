using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace PrivacyDesk.Features.Documents.Pdf;

/// <summary>
/// Lays out a <see cref="PdfDoc"/> on pages with PDFsharp: a document model in, PDF bytes out.
/// Header (merchant, reference) and footer ("Page X of Y") are drawn once the page count is known.
/// </summary>
public sealed class PdfRenderer
{
    private const double Margin = 54, HeaderSpace = 28, FooterSpace = 28, CellPad = 3;
    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33), Muted = XColor.FromArgb(110, 110, 110),
        Rule = XColor.FromArgb(200, 200, 200), HeaderFill = XColor.FromArgb(235, 238, 245), Accent = XColor.FromArgb(63, 81, 181);
    private static readonly XColor[] Palette =
    [
        XColor.FromArgb(63, 81, 181), XColor.FromArgb(0, 150, 136), XColor.FromArgb(255, 152, 0), XColor.FromArgb(233, 30, 99),
        XColor.FromArgb(121, 85, 72), XColor.FromArgb(96, 125, 139), XColor.FromArgb(139, 195, 74), XColor.FromArgb(156, 39, 176),
    ];

    private readonly XFont _body, _bold, _small, _italic, _h1, _h2, _h3;
    private readonly PdfDocument _pdf = new();
    private PdfPage _page = null!;
    private XGraphics _g = null!;
    private double _y;
    private PdfOutline? _lastTopOutline;
    private readonly PdfDoc _doc;

    private PdfRenderer(PdfDoc doc)
    {
        _doc = doc;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        _body = new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular, options);
        _bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold, options);
        _small = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular, options);
        _italic = new XFont(PdfFonts.Family, 10, XFontStyleEx.Italic, options);
        _h1 = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold, options);
        _h2 = new XFont(PdfFonts.Family, 13, XFontStyleEx.Bold, options);
        _h3 = new XFont(PdfFonts.Family, 11, XFontStyleEx.Bold, options);
    }

    public static byte[] Render(PdfDoc doc)
    {
        PdfFonts.Install();
        return new PdfRenderer(doc).Run();
    }

    private double Width => _page.Width.Point - 2 * Margin;
    private double Top => Margin + HeaderSpace;
    private double Bottom => _page.Height.Point - Margin - FooterSpace;

    private byte[] Run()
    {
        _pdf.Info.Title = _doc.Title;
        _pdf.Info.Author = _doc.Author;
        _pdf.Info.Subject = _doc.Subject;
        _pdf.Info.Creator = "PrivacyDesk";
        _pdf.Internals.Catalog.Elements.SetString("/Lang", _doc.Language);
        _pdf.PageMode = PdfPageMode.UseOutlines;
        NewPage();
        foreach (var block in _doc.Blocks) Draw(block);
        _g.Dispose();
        DrawHeadersAndFooters();
        using var ms = new MemoryStream();
        _pdf.Save(ms, closeStream: false);
        return ms.ToArray();
    }

    private void NewPage()
    {
        _g?.Dispose();
        _page = _pdf.AddPage();
        _page.Size = _doc.PageSize == PdfPageSize.A4 ? PdfSharp.PageSize.A4 : PdfSharp.PageSize.Letter;
        _g = XGraphics.FromPdfPage(_page);
        _y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    private bool Ensure(double height)
    {
        if (_y + height <= Bottom || _y <= Top + 0.1) return false;
        NewPage();
        return true;
    }

    private void Draw(PdfBlock block)
    {
        switch (block)
        {
            case PdfHeading h: Heading(h); break;
            case PdfParagraph p: Paragraph(p.Text, FontOf(p.Style), Margin, Width, p.Style == PdfTextStyle.Small ? Muted : Ink); _y += 6; break;
            case PdfBullets b: Bullets(b); break;
            case PdfKeyValues kv: KeyValues(kv); break;
            case PdfTable t: Table(t); break;
            case PdfPageBreak: NewPage(); break;
            case PdfSpacer s: _y += s.Points; break;
            case PdfImage i: Image(i); break;
            case PdfBarChart c: BarChart(c); break;
            case PdfSignature s: Signature(s); break;
        }
    }

    private XFont FontOf(PdfTextStyle style) => style switch
    {
        PdfTextStyle.Bold => _bold,
        PdfTextStyle.Small => _small,
        PdfTextStyle.Italic => _italic,
        _ => _body,
    };

    private static double LineHeight(XFont font) => font.Size * 1.35;

    private void Heading(PdfHeading h)
    {
        var font = h.Level switch { 1 => _h1, 2 => _h2, _ => _h3 };
        // Keep a heading with at least three lines of what follows.
        Ensure(LineHeight(font) + 3 * LineHeight(_body) + 8);
        _y += h.Level == 1 ? 6 : 4;
        var top = _y;
        Paragraph(h.Text, font, Margin, Width, h.Level == 1 ? Accent : Ink);
        _y += 4;
        if (h.Level == 1)
        {
            _lastTopOutline = _pdf.Outlines.Add(h.Text, _page, true);
            _lastTopOutline.Top = top;
        }
        else if (h.Level == 2)
        {
            var outline = (_lastTopOutline?.Outlines ?? _pdf.Outlines).Add(h.Text, _page, false);
            outline.Top = top;
        }
    }

    /// <summary>Draws wrapped text from the cursor, moving to a new page between lines when needed.</summary>
    private void Paragraph(string text, XFont font, double x, double width, XColor color)
    {
        var brush = new XSolidBrush(color);
        var lh = LineHeight(font);
        foreach (var line in TextWrap.Lines(_g, text, font, width))
        {
            Ensure(lh);
            _g.DrawString(line, font, brush, new XRect(x, _y, width, lh), XStringFormats.TopLeft);
            _y += lh;
        }
    }

    private void Bullets(PdfBullets b)
    {
        var brush = new XSolidBrush(Ink);
        foreach (var item in b.Items)
        {
            Ensure(LineHeight(_body));
            _g.DrawString("•", _body, brush, new XRect(Margin + 4, _y, 10, LineHeight(_body)), XStringFormats.TopLeft);
            Paragraph(item, _body, Margin + 16, Width - 16, Ink);
            _y += 2;
        }
        _y += 4;
    }

    private void KeyValues(PdfKeyValues kv)
    {
        var keyWidth = Width * 0.32;
        foreach (var (key, value) in kv.Pairs)
        {
            var keyLines = TextWrap.Lines(_g, key, _bold, keyWidth - 8);
            var valueLines = TextWrap.Lines(_g, value, _body, Width - keyWidth);
            var height = Math.Max(keyLines.Count, valueLines.Count) * LineHeight(_body);
            // A pair stays together unless it is longer than a page.
            if (height < Bottom - Top) Ensure(height);
            var start = _y;
            var startPage = _page;
            Paragraph(key, _bold, Margin, keyWidth - 8, Muted);
            var afterKey = (_page, _y);
            if (_page == startPage) _y = start;
            Paragraph(value, _body, Margin + keyWidth, Width - keyWidth, Ink);
            if (afterKey._page == _page) _y = Math.Max(_y, afterKey._y);
            _y += 3;
        }
        _y += 4;
    }

    private void Table(PdfTable t)
    {
        var total = t.Columns.Sum(c => c.Weight);
        var widths = t.Columns.Select(c => Width * c.Weight / total).ToArray();
        var lh = LineHeight(_small);
        DrawTableHeader(t, widths, lh, ensureFirstRow: t.Rows.Count > 0 ? RowLines(t.Rows[0], widths).Max(l => l.Count) * lh + 2 * CellPad : 0);
        var pen = new XPen(Rule, 0.5);
        foreach (var row in t.Rows)
        {
            var cells = RowLines(row, widths);
            var height = cells.Max(c => c.Count) * lh + 2 * CellPad;
            if (_y + height > Bottom && height < Bottom - Top)
            {
                NewPage();
                DrawTableHeader(t, widths, lh, 0); // the header again on every page the table spans
            }
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var cy = _y + CellPad;
                foreach (var line in cells[i])
                {
                    _g.DrawString(line, _small, XBrushes.Black, new XRect(x + CellPad, cy, widths[i] - 2 * CellPad, lh),
                        t.Columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
                    cy += lh;
                }
                x += widths[i];
            }
            _y += height;
            _g.DrawLine(pen, Margin, _y, Margin + Width, _y);
        }
        _y += 8;
    }

    private List<List<string>> RowLines(IReadOnlyList<string> row, double[] widths) =>
        widths.Select((w, i) => TextWrap.Lines(_g, i < row.Count ? row[i] ?? "" : "", _small, w - 2 * CellPad)).ToList();

    private void DrawTableHeader(PdfTable t, double[] widths, double lh, double ensureFirstRow)
    {
        var headerLines = t.Columns.Select((c, i) => TextWrap.Lines(_g, c.Header, _bold, widths[i] - 2 * CellPad)).ToList();
        var height = headerLines.Max(l => l.Count) * LineHeight(_bold) + 2 * CellPad;
        Ensure(height + ensureFirstRow);
        _g.DrawRectangle(new XSolidBrush(HeaderFill), Margin, _y, Width, height);
        var x = Margin;
        for (var i = 0; i < headerLines.Count; i++)
        {
            var cy = _y + CellPad;
            foreach (var line in headerLines[i])
            {
                _g.DrawString(line, _bold, XBrushes.Black, new XRect(x + CellPad, cy, widths[i] - 2 * CellPad, LineHeight(_bold)),
                    t.Columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
                cy += LineHeight(_bold);
            }
            x += widths[i];
        }
        _y += height;
    }

    private void Image(PdfImage i)
    {
        using var stream = new MemoryStream(i.Bytes);
        using var image = XImage.FromStream(stream);
        var height = i.WidthPoints * image.PixelHeight / Math.Max(1, image.PixelWidth);
        Ensure(height);
        _g.DrawImage(image, Margin, _y, i.WidthPoints, height);
        _y += height + 8;
    }

    private void BarChart(PdfBarChart c)
    {
        var legendHeight = LineHeight(_small) * Math.Ceiling(c.Series.Count / 4.0) + 6;
        var total = LineHeight(_h3) + 8 + c.Height + LineHeight(_small) * 2 + legendHeight;
        Ensure(total);
        Paragraph(c.Title, _h3, Margin, Width, Ink);
        _y += 8;
        // Round the scale up so the four gridlines fall on whole numbers (counts are whole).
        var step = Math.Max(1, Math.Ceiling(c.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max() / 4));
        var max = step * 4;
        var axisX = Margin + 30;
        var plotWidth = Width - 30;
        var baseY = _y + c.Height;
        var pen = new XPen(Rule, 0.5);
        // Gridlines with values, so the bars can be read without the table.
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            var gy = baseY - c.Height * k / 4;
            _g.DrawLine(pen, axisX, gy, axisX + plotWidth, gy);
            _g.DrawString(v.ToString("0", CultureInfo.InvariantCulture), _small, new XSolidBrush(Muted), new XRect(Margin, gy - 5, 26, 10), XStringFormats.CenterRight);
        }
        var groupWidth = plotWidth / Math.Max(1, c.Categories.Count);
        var barWidth = Math.Max(1, (groupWidth - 6) / Math.Max(1, c.Series.Count));
        for (var ci = 0; ci < c.Categories.Count; ci++)
        {
            var gx = axisX + ci * groupWidth + 3;
            for (var si = 0; si < c.Series.Count; si++)
            {
                var value = ci < c.Series[si].Values.Count ? c.Series[si].Values[ci] : 0;
                var h = c.Height * value / max;
                _g.DrawRectangle(new XSolidBrush(Palette[si % Palette.Length]), gx + si * barWidth, baseY - h, barWidth * 0.9, h);
            }
            _g.DrawString(c.Categories[ci], _small, XBrushes.Black, new XRect(axisX + ci * groupWidth, baseY + 2, groupWidth, LineHeight(_small)), XStringFormats.TopCenter);
        }
        _y = baseY + LineHeight(_small) + 6;
        var legendX = Margin;
        foreach (var (s, si) in c.Series.Select((s, i) => (s, i)))
        {
            var labelWidth = _g.MeasureString(s.Name, _small).Width + 22;
            if (legendX + labelWidth > Margin + Width) { legendX = Margin; _y += LineHeight(_small); }
            _g.DrawRectangle(new XSolidBrush(Palette[si % Palette.Length]), legendX, _y + 2, 8, 8);
            _g.DrawString(s.Name, _small, XBrushes.Black, new XRect(legendX + 11, _y, labelWidth, LineHeight(_small)), XStringFormats.TopLeft);
            legendX += labelWidth;
        }
        _y += LineHeight(_small) + 10;
    }

    private void Signature(PdfSignature s)
    {
        Ensure(40 + s.Lines.Count * LineHeight(_body));
        _y += 28;
        _g.DrawLine(new XPen(Ink, 0.6), Margin, _y, Margin + 180, _y);
        _y += 4;
        foreach (var line in s.Lines) Paragraph(line, _body, Margin, Width, Ink);
        _y += 6;
    }

    private void DrawHeadersAndFooters()
    {
        var count = _pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _pdf.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var w = page.Width.Point;
            var h = page.Height.Point;
            var muted = new XSolidBrush(Muted);
            g.DrawString(_doc.HeaderLeft, _small, muted, new XRect(Margin, Margin, w / 2 - Margin, 12), XStringFormats.TopLeft);
            g.DrawString(_doc.HeaderRight, _small, muted, new XRect(w / 2, Margin, w / 2 - Margin, 12), XStringFormats.TopRight);
            g.DrawLine(new XPen(Rule, 0.5), Margin, Margin + 14, w - Margin, Margin + 14);
            g.DrawString(string.Format(CultureInfo.InvariantCulture, _doc.PageFormat, i + 1, count), _small, muted,
                new XRect(Margin, h - Margin - 12, w - 2 * Margin, 12), XStringFormats.TopCenter);
        }
    }
}
