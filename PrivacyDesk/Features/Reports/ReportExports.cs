using System.Globalization;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Reports;

/// <summary>The report as PDF (with bar charts per type and month) and as CSV (UTF-8 with BOM, one section per block).</summary>
public static class ReportExports
{
    public static PdfDoc Pdf(ReportData d, DocText t)
    {
        var period = $"{d.Query.From:yyyy-MM-dd} – {d.Query.To:yyyy-MM-dd}";
        var blocks = new List<PdfBlock>
        {
            new PdfHeading(t["Report.Title"]),
            new PdfKeyValues([
                (t["Report.Period"], period),
                (t["Report.Merchants"], string.Join(", ", d.Merchants)),
                (t["Report.Received"], d.Received.ToString(t.Culture)),
                (t["Report.Closed"], d.Closed.ToString(t.Culture)),
                (t["Report.OnTime"], $"{Percent(d.OnTimeRate, t)} ({t.F("Report.OnTimeOf", d.DecidedOnTime, d.Due, d.UnansweredPastDeadline)})"),
                (t["Report.MedianDays"], Days(d.MedianDaysToClose, t)),
                (t["Report.MeanDays"], Days(d.MeanDaysToClose, t)),
                (t["Report.Extended"], d.Extended.ToString(t.Culture)),
                (t["Report.OverdueNow"], d.OverdueTotal.ToString(t.Culture)),
            ]),
            new PdfParagraph(t["Report.OnTimeHow"], PdfTextStyle.Italic),
            new PdfBarChart(t["Report.ByTypeAndMonth"], d.Monthly.Select(m => m.Month).ToList(),
                Enum.GetValues<RequestType>().Where(ty => d.Monthly.Any(m => m.ByType[ty] > 0))
                    .Select(ty => (t[$"Type.{ty}"], (IReadOnlyList<double>)d.Monthly.Select(m => (double)m.ByType[ty]).ToList())).ToList()),
        };
        Counts(blocks, t["Report.ByType"], d.ByType, k => t[$"Type.{k}"], t);
        Counts(blocks, t["Report.ByChannel"], d.ByChannel, k => t[$"Channel.{k}"], t);
        Counts(blocks, t["Report.ByJurisdiction"], d.ByJurisdiction, k => t[$"Doc.Law.{k}"], t);
        Counts(blocks, t["Report.ByLanguage"], d.ByLanguage, k => t[$"Language.{k}"], t);
        blocks.Add(new PdfHeading(t["Report.OverdueList"], 2));
        blocks.Add(d.Overdue.Count == 0 ? new PdfParagraph(t["Report.NoneOverdue"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.3), new(t["Report.Merchant"], 2), new(t["Report.Types"], 1.5), new(t["Report.Due"]), new(t["Report.DaysLate"], 0.8, true), new(t["Report.Assignee"], 1.5)],
            d.Overdue.Select(o => (IReadOnlyList<string>)[o.Reference, o.Merchant, o.TypeCodes, o.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.DaysLate.ToString(t.Culture), o.Assignee ?? "—"]).ToList()));
        blocks.Add(new PdfHeading(t["Report.Refusals"], 2));
        blocks.Add(d.Refusals.Count == 0 ? new PdfParagraph(t["Report.NoRefusals"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.3), new(t["Report.Types"], 1.3), new(t["Report.DecidedOn"]), new(t["Doc.Reason"], 4)],
            d.Refusals.Select(r => (IReadOnlyList<string>)[r.Reference, r.TypeCodes, t.Date(r.DecidedAt), r.Reason]).ToList()));
        blocks.Add(new PdfHeading(t["Report.Incidents"], 2));
        blocks.Add(d.Incidents.Count == 0 ? new PdfParagraph(t["Report.NoIncidents"]) : new PdfTable(
            [new(t["Doc.Reference"], 1.3), new(t["Breach.Title"], 3), new(t["Breach.AwareAt"], 1.4), new(t["Filing.Persons"], 1, true), new(t["Register.Status"]), new(t["Register.RegulatorNotified"])],
            d.Incidents.Select(i => (IReadOnlyList<string>)[i.Reference, i.Title, i.AwareAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.Persons.ToString(t.Culture),
                t[$"IncidentStatus.{i.Status}"], i.RegulatorNotified ? t["Common.Yes"] : t["Common.No"]]).ToList()));
        return new PdfDoc($"{t["Report.Title"]} {period}", "PrivacyDesk", t["Report.Title"], t.Language == "fr" ? "fr-CA" : "en-CA",
            string.Join(", ", d.Merchants), period, t.PageFormat, blocks);
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
            Row(t["Report.Period"], "", $"{d.Query.From:yyyy-MM-dd}..{d.Query.To:yyyy-MM-dd}"),
            Row(t["Report.Merchants"], "", string.Join("; ", d.Merchants)),
            Row(t["Report.Received"], "", N(d.Received)),
            Row(t["Report.Closed"], "", N(d.Closed)),
            Row(t["Report.OnTime"], "", d.OnTimeRate is { } rate ? rate.ToString("0.000", CultureInfo.InvariantCulture) : "", "", t["Report.OnTimeHow"]),
            Row(t["Report.DecidedOnTime"], "", N(d.DecidedOnTime)),
            Row(t["Report.DueInPeriod"], "", N(d.Due)),
            Row(t["Report.UnansweredPastDeadline"], "", N(d.UnansweredPastDeadline)),
            Row(t["Report.OverdueNow"], "", N(d.OverdueTotal)),
            Row(t["Report.MedianDays"], "", d.MedianDaysToClose?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""),
            Row(t["Report.MeanDays"], "", d.MeanDaysToClose?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""),
            Row(t["Report.Extended"], "", N(d.Extended)),
        };
        void Section(string name, IReadOnlyList<CountRow> counts, Func<string, string> label)
        {
            foreach (var c in counts) rows.Add(Row(name, label(c.Key), N(c.Received), N(c.Closed)));
        }
        Section(t["Report.ByType"], d.ByType, k => t[$"Type.{k}"]);
        Section(t["Report.ByChannel"], d.ByChannel, k => t[$"Channel.{k}"]);
        Section(t["Report.ByJurisdiction"], d.ByJurisdiction, k => k);
        Section(t["Report.ByLanguage"], d.ByLanguage, k => t[$"Language.{k}"]);
        foreach (var m in d.Monthly)
            foreach (var (type, count) in m.ByType.Where(x => x.Value > 0))
                rows.Add(Row(t["Report.ByTypeAndMonth"], $"{m.Month} {t[$"Type.{type}"]}", N(count)));
        foreach (var o in d.Overdue) rows.Add(Row(t["Report.OverdueList"], o.Reference, N(o.DaysLate), "", $"{o.Merchant}; {o.TypeCodes}; {o.Due:yyyy-MM-dd}; {o.Assignee}"));
        foreach (var r in d.Refusals) rows.Add(Row(t["Report.Refusals"], r.Reference, "", "", r.Reason));
        foreach (var i in d.Incidents) rows.Add(Row(t["Report.Incidents"], i.Reference, N(i.Persons), "", $"{i.Title}; {i.AwareAt:yyyy-MM-dd}; {i.Status}"));
        return CsvWriter.Write([t["Report.Section"], t["Report.Item"], t["Report.Received"], t["Report.Closed"], t["Report.Detail"]], rows);

        static IReadOnlyList<string?> Row(string section, string item, string a, string b = "", string c = "") => [section, item, a, b, c];
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    }

    private static string Percent(double? rate, DocText t) => rate is { } r ? r.ToString("P0", t.Culture) : "—";
    private static string Days(double? days, DocText t) => days is { } d ? d.ToString("0.0", t.Culture) : "—";
}
