using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Reports.Pages;

/// <summary>The manager's report: figures, requests by type and month (a bar chart), the breakdowns and lists, and the PDF/CSV exports of the same query.</summary>
public partial class ReportsPage
{
    [Inject] private ReportService Reports { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;

    private DateTime? _from = DateTime.UtcNow.Date.AddDays(-90);
    private DateTime? _to = DateTime.UtcNow.Date;
    private IReadOnlyCollection<int> _merchantIds = [];
    private IReadOnlyList<Merchant> _merchants = [];
    private ReportData? _data;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private bool _loading;

    protected override async Task OnInitializedAsync()
    {
        _merchants = await Merchants.ListAsync();
        await LoadAsync();
    }

    private ReportQuery Query() => new(DateOnly.FromDateTime(_from ?? DateTime.UtcNow.AddDays(-90)), DateOnly.FromDateTime(_to ?? DateTime.UtcNow), _merchantIds.ToList());

    private async Task LoadAsync()
    {
        if (_loading) return;
        _loading = true;
        try
        {
            _data = await Reports.BuildAsync(Query());
            var culture = CultureInfo.GetCultureInfo(UiText.CurrentLanguage == "fr" ? "fr-CA" : "en-CA");
            _labels = _data.Monthly.Select(m => DateOnly.TryParseExact(m.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("MMM yyyy", culture) : m.Month).ToArray();
            _series = Enum.GetValues<RequestType>().Where(t => _data.Monthly.Any(m => m.ByType[t] > 0))
                .Select(t => new ChartSeries<double> { Name = T[$"Type.{t}"], Data = new ChartData<double>(_data.Monthly.Select(m => (double)m.ByType[t]).ToList()) })
                .ToList();
        }
        finally { _loading = false; }
    }

    private TimeZoneInfo ZoneOf(int merchantId) => _merchants.FirstOrDefault(m => m.Id == merchantId) is { } m
        ? JurisdictionCodes.TimeZoneFor(m.Country, m.Province) : TimeZoneInfo.Utc;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string ExportUrl(string format)
    {
        var q = Query();
        return $"reports/export?format={format}&from={q.From:yyyy-MM-dd}&to={q.To:yyyy-MM-dd}&merchants={string.Join(',', q.MerchantIds)}";
    }

    private IEnumerable<(string, string)> Kpis(ReportData d)
    {
        var culture = CultureInfo.GetCultureInfo(UiText.CurrentLanguage == "fr" ? "fr-CA" : "en-CA");
        return
        [
            (T["Report.Received"], d.Received.ToString(CultureInfo.InvariantCulture)),
            (T["Report.Closed"], d.Closed.ToString(CultureInfo.InvariantCulture)),
            (T["Report.OnTime"], d.OnTimeRate is { } r ? $"{r.ToString("P0", culture)} ({T.Format("Report.OnTimeOf", d.DecidedOnTime, d.Due, d.UnansweredPastDeadline)})" : "—"),
            (T["Report.MedianDays"], d.MedianDaysToClose is { } m ? m.ToString("0.0", culture) : "—"),
            (T["Report.MeanDays"], d.MeanDaysToClose is { } a ? a.ToString("0.0", culture) : "—"),
            (T["Report.Extended"], d.Extended.ToString(CultureInfo.InvariantCulture)),
            (T["Report.OverdueNow"], d.OverdueTotal.ToString(CultureInfo.InvariantCulture)),
            (T["Report.Refusals"], d.Refusals.Count.ToString(CultureInfo.InvariantCulture)),
        ];
    }
}
