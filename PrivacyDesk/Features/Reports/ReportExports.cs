using System.Globalization;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Reports;

/// <summary>
/// The report as PDF (an executive summary beside the previous period first, then the details and
/// bar charts per type and month) and as CSV (UTF-8 with BOM). The CSV's numbers are plain invariant
/// numbers (a point for decimals, rates as fractions: 0.600 is 60 %), so that any spreadsheet in any
/// locale reads them the same; its first rows say so. Every figure has its own column.
/// </summary>
public static class ReportExports
{
    public static PdfDoc Pdf(ReportData d, DocText t)
    {
        var period = Period(d.Query, t);
        var blocks = new List<PdfBlock>
        {
            new PdfHeading(t["Report.Title"]),
            new PdfKeyValues([(t["Report.Period"], period), (t["Report.Merchants"], string.Join(", ", d.Merchants))]),
            new PdfHeading(t["Report.Summary"], 2),
            new PdfTable([new(t["Report.Measure"], 3), new(t["Report.ThisPeriod"], 1.4, true), new(t.F("Report.PreviousPeriod", d.Previous is { } p ? Period(p.Query, t) : "—"), 1.8, true)],
                Summary(d).Select(s => (IReadOnlyList<string>)[t[s.Key], s.Format(s.Now, t), d.Previous is null ? "—" : s.Format(s.Before, t)]).ToList()),
            new PdfParagraph(t["Report.OnTimeHow"], PdfTextStyle.Italic),
            new PdfHeading(t["Report.Details"], 2),
            new PdfKeyValues([
                (t["Report.OnTime"], $"{Percent(d.OnTimeRate, t)} ({t.F("Report.OnTimeOf", d.DecidedOnTime, d.Due, d.UnansweredPastDeadline)})"),
                (t["Report.MeanDays"], Days(d.MeanDaysToClose, t)),
            ]),
            new PdfBarChart(t["Report.ByTypeAndMonth"], d.Monthly.Select(m => MonthLabel(m.Month, t)).ToList(),
                Enum.GetValues<RequestType>().Where(ty => d.Monthly.Any(m => m.ByType[ty] > 0))
                    .Select(ty => (t[$"Type.{ty}"], (IReadOnlyList<double>)d.Monthly.Select(m => (double)m.ByType[ty]).ToList())).ToList()),
        };
        Counts(blocks, t["Report.ByType"], d.ByType, k => t[$"Type.{k}"], t);
        Counts(blocks, t["Report.ByChannel"], d.ByChannel, k => t[$"Channel.{k}"], t);
        Counts(blocks, t["Report.ByJurisdiction"], d.ByJurisdiction, k => t[$"Doc.Law.{k}"], t);
        Counts(blocks, t["Report.ByLanguage"], d.ByLanguage, k => t[$"Language.{k}"], t);
        blocks.Add(new PdfHeading(t["Report.OverdueList"], 2));
        blocks.Add(d.Overdue.Count == 0 ? new PdfParagraph(t["Report.NoneOverdue"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.5), new(t["Report.Merchant"], 2), new(t["Report.Types"], 1.6), new(t["Report.Due"], 1.4), new(t["Report.DaysLate"], 0.9, true), new(t["Report.Assignee"], 1.5)],
            d.Overdue.Select(o => (IReadOnlyList<string>)[o.Reference, o.Merchant, Types(o.TypeCodes, t), t.Date(o.Due), o.DaysLate.ToString(t.Culture), o.Assignee ?? "—"]).ToList()));
        blocks.Add(new PdfHeading(t["Report.Refusals"], 2));
        blocks.Add(d.Refusals.Count == 0 ? new PdfParagraph(t["Report.NoRefusals"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.5), new(t["Report.Types"], 1.4), new(t["Report.DecidedOn"], 1.4), new(t["Doc.Reason"], 4)],
            d.Refusals.Select(r => (IReadOnlyList<string>)[r.Reference, Types(r.TypeCodes, t), t.Date(r.DecidedAt), r.Reason]).ToList()));
        blocks.Add(new PdfHeading(t["Report.Incidents"], 2));
        blocks.Add(d.Incidents.Count == 0 ? new PdfParagraph(t["Report.NoIncidents"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.5), new(t["Breach.Title"], 3), new(t["Breach.AwareAt"], 1.4), new(t["Filing.Persons"], 1, true), new(t["Register.Status"], 1.2), new(t["Register.RegulatorNotified"], 1.2)],
            d.Incidents.Select(i => (IReadOnlyList<string>)[i.Reference, i.Title, t.Date(i.AwareAt), i.Persons.ToString(t.Culture),
                t[$"IncidentStatus.{i.Status}"], i.RegulatorNotified ? t["Common.Yes"] : t["Common.No"]]).ToList()));
        return new PdfDoc($"{t["Report.Title"]} {period}", "PrivacyDesk", t["Report.Title"], t.LanguageTag,
            string.Join(", ", d.Merchants), period, t.PageFormat, blocks);
    }

    /// <summary>One line of the executive summary: its label, this period's and the previous period's value, and how it is written.</summary>
    private sealed record SummaryLine(string Key, double? Now, double? Before, Func<double?, DocText, string> Format);

    private static IReadOnlyList<SummaryLine> Summary(ReportData d)
    {
        static string Count(double? v, DocText t) => v is { } n ? ((int)n).ToString("N0", t.Culture) : "—";
        var p = d.Previous;
        return
        [
            new("Report.Received", d.Received, p?.Received, Count),
            new("Report.Closed", d.Closed, p?.Closed, Count),
            new("Report.OnTime", d.OnTimeRate, p?.OnTimeRate, Percent),
            new("Report.UnansweredPastDeadline", d.UnansweredPastDeadline, p?.UnansweredPastDeadline, Count),
            new("Report.MedianDays", d.MedianDaysToClose, p?.MedianDaysToClose, Days),
            new("Report.Extended", d.Extended, p?.Extended, Count),
            new("Report.RefusalCount", d.Refusals.Count, p?.Refusals.Count, Count),
            new("Report.IncidentCount", d.Incidents.Count, p?.Incidents.Count, Count),
            // Overdue is a count of today, not of a period: the same on both sides would mislead, so it stands alone.
            new("Report.OverdueNow", d.OverdueTotal, null, Count),
        ];
    }

    private static void Counts(List<PdfBlock> blocks, string title, IReadOnlyList<CountRow> rows, Func<string, string> label, DocText t)
    {
        blocks.Add(new PdfHeading(title, 2));
        blocks.Add(new PdfTable([new(t["Report.Item"], 3), new(t["Report.Received"], 1, true), new(t["Report.Closed"], 1, true)],
            rows.Select(r => (IReadOnlyList<string>)[label(r.Key), r.Received.ToString(t.Culture), r.Closed.ToString(t.Culture)]).ToList()));
    }

    public static byte[] Csv(ReportData d, DocText t)
    {
        var rows = new List<IReadOnlyList<string?>>
        {
            Row(t["Report.Numbers"], detail: t["Report.NumbersHow"]),
            Row(t["Report.Period"], date: $"{Iso(d.Query.From)}..{Iso(d.Query.To)}", detail: d.Previous is { } p ? t.F("Report.PreviousIs", $"{Iso(p.Query.From)}..{Iso(p.Query.To)}") : null),
            Row(t["Report.Merchants"], detail: string.Join("; ", d.Merchants)),
            Row(t["Report.OnTime"], detail: t["Report.OnTimeHow"]),
        };
        foreach (var s in Summary(d))
            rows.Add(Row(t["Report.Summary"], t[s.Key], value: Number(s.Now, s.Key), previous: s.Key == "Report.OverdueNow" ? null : Number(s.Before, s.Key),
                unit: t[s.Key switch { "Report.OnTime" => "Report.Unit.Fraction", "Report.MedianDays" => "Report.Unit.Days", "Report.IncidentCount" => "Report.Unit.Incidents", _ => "Report.Unit.Count" }]));
        rows.Add(Row(t["Report.Summary"], t["Report.DecidedOnTime"], value: N(d.DecidedOnTime), previous: d.Previous is { } pr ? N(pr.DecidedOnTime) : null, unit: t["Report.Unit.Count"]));
        rows.Add(Row(t["Report.Summary"], t["Report.DueInPeriod"], value: N(d.Due), previous: d.Previous is { } pd ? N(pd.Due) : null, unit: t["Report.Unit.Count"]));
        rows.Add(Row(t["Report.Summary"], t["Report.MeanDays"], value: Number(d.MeanDaysToClose, "Report.MeanDays"), previous: Number(d.Previous?.MeanDaysToClose, "Report.MeanDays"), unit: t["Report.Unit.Days"]));
        void Section(string name, IReadOnlyList<CountRow> counts, Func<string, string> label)
        {
            foreach (var c in counts) rows.Add(Row(name, label(c.Key), received: N(c.Received), closed: N(c.Closed)));
        }
        Section(t["Report.ByType"], d.ByType, k => t[$"Type.{k}"]);
        Section(t["Report.ByChannel"], d.ByChannel, k => t[$"Channel.{k}"]);
        Section(t["Report.ByJurisdiction"], d.ByJurisdiction, k => t[$"Doc.Law.{k}"]);
        Section(t["Report.ByLanguage"], d.ByLanguage, k => t[$"Language.{k}"]);
        foreach (var m in d.Monthly)
            foreach (var (type, count) in m.ByType.Where(x => x.Value > 0))
                rows.Add(Row(t["Report.ByTypeAndMonth"], t[$"Type.{type}"], received: N(count), date: m.Month));
        foreach (var o in d.Overdue)
            rows.Add(Row(t["Report.OverdueList"], o.Reference, value: N(o.DaysLate), unit: t["Report.Unit.DaysLate"], date: Iso(o.Due),
                detail: $"{o.Merchant}; {Types(o.TypeCodes, t)}; {o.Assignee ?? "—"}"));
        foreach (var r in d.Refusals) rows.Add(Row(t["Report.Refusals"], r.Reference, date: Iso(DateOnly.FromDateTime(r.DecidedAt.UtcDateTime)), detail: $"{Types(r.TypeCodes, t)}; {r.Reason}"));
        foreach (var i in d.Incidents)
            rows.Add(Row(t["Report.Incidents"], i.Reference, value: N(i.Persons), unit: t["Report.Unit.Persons"], date: Iso(DateOnly.FromDateTime(i.AwareAt.UtcDateTime)),
                detail: $"{i.Title}; {t[$"IncidentStatus.{i.Status}"]}"));
        return CsvWriter.Write([t["Report.Section"], t["Report.Item"], t["Report.Received"], t["Report.Closed"], t["Report.Value"], t["Report.Previous"],
            t["Report.Unit"], t["Report.Date"], t["Report.Detail"]], rows);

        static IReadOnlyList<string?> Row(string section, string item = "", string? received = null, string? closed = null, string? value = null, string? previous = null,
            string? unit = null, string? date = null, string? detail = null) => [section, item, received, closed, value, previous, unit, date, detail];
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string? Number(double? v, string key) => v is not { } x ? null
            : key is "Report.OnTime" ? x.ToString("0.000", CultureInfo.InvariantCulture)
            : key is "Report.MedianDays" or "Report.MeanDays" ? x.ToString("0.0", CultureInfo.InvariantCulture)
            : ((int)x).ToString(CultureInfo.InvariantCulture);
        static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>"2026-09" as "sept. 2026" / "Sep 2026".</summary>
    private static string MonthLabel(string month, DocText t) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("MMM yyyy", t.Culture) : month;

    private static string Period(ReportQuery q, DocText t) => $"{t.Date(q.From)} – {t.Date(q.To)}";
    private static string Types(string codes, DocText t) => string.Join(", ", RequestTypeCodes.Split(codes).Select(x => t[$"Type.{x}"]));
    private static string Percent(double? rate, DocText t) => rate is { } r ? r.ToString("P0", t.Culture) : "—";
    private static string Days(double? days, DocText t) => days is { } d ? d.ToString("0.0", t.Culture) : "—";
}
