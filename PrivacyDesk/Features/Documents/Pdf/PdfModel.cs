namespace PrivacyDesk.Features.Documents.Pdf;

/// <summary>
/// A document as content, not coordinates: the renderer decides pages, wrapping and breaks.
/// Everything a privacy office prints is built from these few blocks.
/// </summary>
public sealed record PdfDoc(
    string Title,
    string Author,
    string Subject,
    string Language,
    string HeaderLeft,
    string HeaderRight,
    string PageFormat,
    IReadOnlyList<PdfBlock> Blocks,
    PdfPageSize PageSize = PdfPageSize.Letter);

/// <summary>Letter for North America, A4 elsewhere.</summary>
public enum PdfPageSize { Letter, A4 }

public abstract record PdfBlock;

/// <summary>A section title; level 1 and 2 headings become bookmarks (the PDF outline).</summary>
public sealed record PdfHeading(string Text, int Level = 1) : PdfBlock;

public enum PdfTextStyle { Normal, Bold, Small, Italic }

/// <summary>Flowing text; "\n" starts a new line. Words too long for the line are broken, never hyphenated.</summary>
public sealed record PdfParagraph(string Text, PdfTextStyle Style = PdfTextStyle.Normal) : PdfBlock;

public sealed record PdfBullets(IReadOnlyList<string> Items) : PdfBlock;

/// <summary>Label and value pairs, labels in a narrow bold column.</summary>
public sealed record PdfKeyValues(IReadOnlyList<(string Key, string Value)> Pairs) : PdfBlock;

/// <summary>A column: its header and its share of the width (relative weights).</summary>
public sealed record PdfColumn(string Header, double Weight = 1, bool AlignRight = false);

/// <summary>A table whose header row is repeated on every page it spans; a row is never split across pages.</summary>
public sealed record PdfTable(IReadOnlyList<PdfColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : PdfBlock;

public sealed record PdfPageBreak : PdfBlock;

public sealed record PdfSpacer(double Points = 8) : PdfBlock;

/// <summary>A PNG or JPEG image (a merchant logo), scaled to the given width, with the words a screen reader says for it.</summary>
public sealed record PdfImage(byte[] Bytes, double WidthPoints, string AltText) : PdfBlock;

/// <summary>Grouped bars: one group per category (e.g. month), one bar per series (e.g. request type), with a legend.</summary>
public sealed record PdfBarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> Series, double Height = 200) : PdfBlock;

/// <summary>A signature block: lines of text after space for a signature.</summary>
public sealed record PdfSignature(IReadOnlyList<string> Lines) : PdfBlock;
