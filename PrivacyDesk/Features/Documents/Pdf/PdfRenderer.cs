using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.UniversalAccessibility;

namespace PrivacyDesk.Features.Documents.Pdf;

/// <summary>
/// Lays out a <see cref="PdfDoc"/> on pages with PDFsharp: a document model in, PDF bytes out. The PDF
/// is tagged (PDFsharp's PDF/UA support): headings, paragraphs, lists and tables in reading order, the
/// document's language, alternative text for figures, and the running header, footer and rules marked
/// as artifacts so a screen reader skips them. Two passes: the first counts the pages, the second draws
/// each page's header and footer ("Page 3 of 7") with the page, as the structure tree requires.
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
    /// <summary>Known on the second pass; null on the first, which only counts pages.</summary>
    private readonly int? _pageCount;
    private readonly StructureBuilder? _sb;

    private PdfRenderer(PdfDoc doc, int? pageCount)
    {
        _doc = doc;
        _pageCount = pageCount;
        if (pageCount is not null)
        {
            var ua = UAManager.ForDocument(_pdf);
            ua.SetDocumentLanguage(doc.Language);
            _sb = ua.StructureBuilder;
        }
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
        var pages = new PdfRenderer(doc, null).Layout();
        return new PdfRenderer(doc, pages).Run();
    }

    /// <summary>The first pass: the blocks laid out exactly as the second pass will, to know the page count.</summary>
    private int Layout()
    {
        NewPage();
        foreach (var block in _doc.Blocks) Draw(block);
        _g.Dispose();
        return _pdf.PageCount;
    }

    /// <summary>Draws inside a structure element (nothing to tag on the counting pass).</summary>
    private void Tag(PdfBlockLevelElementTag tag, Action draw)
    {
        _sb?.BeginElement(tag);
        draw();
        _sb?.End();
    }

    /// <summary>A header cell with its scope (PDF/UA wants it said): "Column" for a table's header row, "Row" for a label beside its value.</summary>
    private void HeaderCell(string scope, Action draw)
    {
        _sb?.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
        _sb?.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", "/" + scope);
        draw();
        _sb?.End();
    }

    /// <summary>Draws what a screen reader must skip: running headers, rules, fills, repeated table headers.</summary>
    private void Artifact(Action draw)
    {
        _sb?.BeginArtifact();
        draw();
        _sb?.End();
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
        using var ms = new MemoryStream();
        _pdf.Save(ms, closeStream: false);
        return ms.ToArray();
    }

    private void NewPage()
    {
        // Add first, dispose after: the tagging closes the open marked content on the old page's graphics when a page is added.
        var page = _pdf.AddPage();
        _g?.Dispose();
        _page = page;
        _page.Size = _doc.PageSize == PdfPageSize.A4 ? PdfSharp.PageSize.A4 : PdfSharp.PageSize.Letter;
        _g = XGraphics.FromPdfPage(_page);
        _y = Top;
        if (_pageCount is { } count) Artifact(() => HeaderAndFooter(_pdf.PageCount, count));
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
            case PdfParagraph p: Tag(PdfBlockLevelElementTag.Paragraph, () => Paragraph(p.Text, FontOf(p.Style), Margin, Width, p.Style == PdfTextStyle.Small ? Muted : Ink)); _y += 6; break;
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
        Tag(h.Level switch { 1 => PdfBlockLevelElementTag.Heading1, 2 => PdfBlockLevelElementTag.Heading2, _ => PdfBlockLevelElementTag.Heading3 },
            () => Paragraph(h.Text, font, Margin, Width, h.Level == 1 ? Accent : Ink));
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
        Tag(PdfBlockLevelElementTag.List, () =>
        {
            foreach (var item in b.Items)
            {
                Ensure(LineHeight(_body));
                Tag(PdfBlockLevelElementTag.ListItem, () =>
                {
                    Tag(PdfBlockLevelElementTag.Label, () => _g.DrawString("•", _body, brush, new XRect(Margin + 4, _y, 10, LineHeight(_body)), XStringFormats.TopLeft));
                    Tag(PdfBlockLevelElementTag.ListBody, () => Paragraph(item, _body, Margin + 16, Width - 16, Ink));
                });
                _y += 2;
            }
        });
        _y += 4;
    }

    private void KeyValues(PdfKeyValues kv)
    {
        // The label column fits its longest word ("Authority", "Communications"), within a third to two fifths of the line.
        var longest = kv.Pairs.SelectMany(p => p.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => _g.MeasureString(w, _bold).Width).DefaultIfEmpty(0).Max();
        var keyWidth = Math.Clamp(longest + 12, Width * 0.32, Width * 0.4);
        _sb?.BeginElement(PdfBlockLevelElementTag.Table);
        foreach (var (key, value) in kv.Pairs)
        {
            var keyLines = TextWrap.Lines(_g, key, _bold, keyWidth - 8);
            var valueLines = TextWrap.Lines(_g, value, _body, Width - keyWidth);
            var height = Math.Max(keyLines.Count, valueLines.Count) * LineHeight(_body);
            // A pair stays together unless it is longer than a page.
            if (height < Bottom - Top) Ensure(height);
            var start = _y;
            var startPage = _page;
            (PdfPage Page, double Y) afterKey = default;
            _sb?.BeginElement(PdfBlockLevelElementTag.TableRow);
            HeaderCell("Row", () => Paragraph(key, _bold, Margin, keyWidth - 8, Muted));
            afterKey = (_page, _y);
            if (_page == startPage) _y = start;
            Tag(PdfBlockLevelElementTag.TableDataCell, () => Paragraph(value, _body, Margin + keyWidth, Width - keyWidth, Ink));
            _sb?.End();
            if (afterKey.Page == _page) _y = Math.Max(_y, afterKey.Y);
            _y += 3;
        }
        _sb?.End();
        _y += 4;
    }

    private void Table(PdfTable t)
    {
        var widths = ColumnWidths(t);
        var lh = LineHeight(_small);
        _sb?.BeginElement(PdfBlockLevelElementTag.Table);
        DrawTableHeader(t, widths, lh, ensureFirstRow: t.Rows.Count > 0 ? RowLines(t.Rows[0], widths).Max(l => l.Count) * lh + 2 * CellPad : 0, repeated: false);
        var pen = new XPen(Rule, 0.5);
        foreach (var row in t.Rows)
        {
            var cells = RowLines(row, widths);
            var height = cells.Max(c => c.Count) * lh + 2 * CellPad;
            if (_y + height > Bottom && height < Bottom - Top)
            {
                NewPage();
                DrawTableHeader(t, widths, lh, 0, repeated: true); // the header again on every page the table spans
            }
            var x = Margin;
            _sb?.BeginElement(PdfBlockLevelElementTag.TableRow);
            for (var i = 0; i < cells.Count; i++)
            {
                var cy = _y + CellPad;
                var (cx, cw) = (x, widths[i]);
                Tag(PdfBlockLevelElementTag.TableDataCell, () =>
                {
                    foreach (var line in cells[i])
                    {
                        _g.DrawString(line, _small, XBrushes.Black, new XRect(cx + CellPad, cy, cw - 2 * CellPad, lh),
                            t.Columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
                        cy += lh;
                    }
                });
                x += widths[i];
            }
            _sb?.End();
            _y += height;
            Artifact(() => _g.DrawLine(pen, Margin, _y, Margin + Width, _y));
        }
        _sb?.End();
        _y += 8;
    }

    /// <summary>
    /// Widths from the weights, but never narrower than a column's longest word (header in bold, cells in the
    /// table's font): "Commande", "MM-100001-00" and "décembre" are never cut. The extra width comes from
    /// the columns that have room to spare; only when even the longest words cannot all fit are they cut.
    /// </summary>
    private double[] ColumnWidths(PdfTable t)
    {
        var total = t.Columns.Sum(c => c.Weight);
        var widths = t.Columns.Select(c => Width * c.Weight / total).ToArray();
        var least = t.Columns.Select((c, i) => Math.Min(Width * 0.6, 2 * CellPad + 1 + Math.Max(
            LongestWords(c.Header).Select(w => _g.MeasureString(w, _bold).Width).DefaultIfEmpty(0).Max(),
            LongestWords(t.Rows.Take(2000).Select(r => i < r.Count ? r[i] ?? "" : "")).Select(w => _g.MeasureString(w, _small).Width).DefaultIfEmpty(0).Max()))).ToArray();
        if (least.Sum() >= Width) return least.Select(m => Width * m / least.Sum()).ToArray();
        for (var i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], least[i]);
        var excess = widths.Sum() - Width;
        if (excess > 0)
        {
            var slack = widths.Select((w, i) => w - least[i]).ToArray();
            var totalSlack = slack.Sum();
            for (var i = 0; i < widths.Length; i++) widths[i] -= excess * slack[i] / totalSlack;
        }
        return widths;
    }

    /// <summary>
    /// The few longest unbreakable pieces (by characters) of the texts: each word, and a short text as a whole (a date,
    /// "11 décembre 2022", or "Mastercard •••• 5524" reads badly on two or three lines). Measuring those few is enough, and cheap on a 10,000-row table.
    /// </summary>
    private static IEnumerable<string> LongestWords(params IEnumerable<string> texts) =>
        texts.Select(x => CardNumbers.Mask(x) ?? "")
            .SelectMany(x => x.Length <= 24 && !x.Contains('\n') ? [x] : x.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .OrderByDescending(w => w.Length).Take(3);

    private List<List<string>> RowLines(IReadOnlyList<string> row, double[] widths) =>
        widths.Select((w, i) => TextWrap.Lines(_g, i < row.Count ? row[i] ?? "" : "", _small, w - 2 * CellPad)).ToList();

    /// <param name="repeated">On the pages after the first the header row is a visual aid only: an artifact, not a second header row.</param>
    private void DrawTableHeader(PdfTable t, double[] widths, double lh, double ensureFirstRow, bool repeated)
    {
        var headerLines = t.Columns.Select((c, i) => TextWrap.Lines(_g, c.Header, _bold, widths[i] - 2 * CellPad)).ToList();
        var height = headerLines.Max(l => l.Count) * LineHeight(_bold) + 2 * CellPad;
        Ensure(height + ensureFirstRow);
        Artifact(() => _g.DrawRectangle(new XSolidBrush(HeaderFill), Margin, _y, Width, height));
        void Cells()
        {
            var x = Margin;
            for (var i = 0; i < headerLines.Count; i++)
            {
                var (cx, cw, lines, right) = (x, widths[i], headerLines[i], t.Columns[i].AlignRight);
                void Draw()
                {
                    var cy = _y + CellPad;
                    foreach (var line in lines)
                    {
                        _g.DrawString(line, _bold, XBrushes.Black, new XRect(cx + CellPad, cy, cw - 2 * CellPad, LineHeight(_bold)), right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                        cy += LineHeight(_bold);
                    }
                }
                if (repeated) Draw(); else HeaderCell("Column", Draw);
                x += widths[i];
            }
        }
        if (repeated) Artifact(Cells); else Tag(PdfBlockLevelElementTag.TableRow, Cells);
        _y += height;
    }

    private void Image(PdfImage i)
    {
        using var stream = new MemoryStream(i.Bytes);
        using var image = XImage.FromStream(stream);
        var height = i.WidthPoints * image.PixelHeight / Math.Max(1, image.PixelWidth);
        Ensure(height);
        _sb?.BeginElement(PdfIllustrationElementTag.Figure, i.AltText, new XRect(Margin, _y, i.WidthPoints, height));
        _g.DrawImage(image, Margin, _y, i.WidthPoints, height);
        _sb?.End();
        _y += height + 8;
    }

    private void BarChart(PdfBarChart c)
    {
        var legendHeight = LineHeight(_small) * Math.Ceiling(c.Series.Count / 4.0) + 6;
        var total = LineHeight(_h3) + 8 + c.Height + LineHeight(_small) * 2 + legendHeight;
        Ensure(total);
        Tag(PdfBlockLevelElementTag.Heading3, () => Paragraph(c.Title, _h3, Margin, Width, Ink));
        _y += 8;
        // The bars as words for a screen reader: each category with each series' value.
        _sb?.BeginElement(PdfIllustrationElementTag.Figure, ChartText(c), new XRect(Margin, _y, Width, c.Height + LineHeight(_small) * 2 + legendHeight));
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
        _sb?.End();
        _y += LineHeight(_small) + 10;
    }

    private static string ChartText(PdfBarChart c) =>
        $"{c.Title}. " + string.Join("; ", c.Categories.Select((cat, ci) =>
            $"{cat}: " + string.Join(", ", c.Series.Select(s => $"{s.Name} {(ci < s.Values.Count ? s.Values[ci] : 0).ToString("0.##", CultureInfo.InvariantCulture)}"))));

    private void Signature(PdfSignature s)
    {
        Ensure(40 + s.Lines.Count * LineHeight(_body));
        _y += 28;
        Artifact(() => _g.DrawLine(new XPen(Ink, 0.6), Margin, _y, Margin + 180, _y));
        _y += 4;
        Tag(PdfBlockLevelElementTag.Paragraph, () => { foreach (var line in s.Lines) Paragraph(line, _body, Margin, Width, Ink); });
        _y += 6;
    }

    /// <summary>The running header (merchant, reference) and the footer ("Page 3 of 7") of the page being drawn.</summary>
    private void HeaderAndFooter(int number, int count)
    {
        var w = _page.Width.Point;
        var h = _page.Height.Point;
        var muted = new XSolidBrush(Muted);
        _g.DrawString(_doc.HeaderLeft, _small, muted, new XRect(Margin, Margin, w / 2 - Margin, 12), XStringFormats.TopLeft);
        _g.DrawString(_doc.HeaderRight, _small, muted, new XRect(w / 2, Margin, w / 2 - Margin, 12), XStringFormats.TopRight);
        _g.DrawLine(new XPen(Rule, 0.5), Margin, Margin + 14, w - Margin, Margin + 14);
        _g.DrawString(string.Format(CultureInfo.InvariantCulture, _doc.PageFormat, number, count), _small, muted,
            new XRect(Margin, h - Margin - 12, w - 2 * Margin, 12), XStringFormats.TopCenter);
    }
}
