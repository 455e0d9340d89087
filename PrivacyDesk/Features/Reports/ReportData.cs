using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Reports;

/// <summary>What a report covers: requests received between two dates (inclusive), for some of the user's merchants (none = all of them).</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, IReadOnlyList<int> MerchantIds);

public sealed record CountRow(string Key, int Received, int Closed);

public sealed record MonthRow(string Month, IReadOnlyDictionary<RequestType, int> ByType);

public sealed record OverdueRow(int Id, string Reference, string Merchant, string TypeCodes, DateOnly Due, int DaysLate, string? Assignee);

/// <summary>A confidentiality incident the organisation became aware of in the period (the breach register's view for managers).</summary>
/// <param name="Title">In the reader's language when the incident's facts were translated.</param>
/// <param name="MerchantId">Whose incident: its dates are shown on that merchant's clock.</param>
public sealed record IncidentRow(string Reference, string Title, DateTimeOffset AwareAt, int Persons, string Status, bool RegulatorNotified, int MerchantId = 0, int Id = 0);

/// <param name="MerchantId">Whose request: its dates are shown on that merchant's clock.</param>
public sealed record RefusalRow(string Reference, string TypeCodes, DateTimeOffset DecidedAt, string Reason, int MerchantId = 0, int Id = 0);

/// <summary>
/// The numbers a manager reports on. Closed means decided or closed. On time is measured against
/// every request whose deadline has come: those decided (on time when on or before the deadline in
/// force) and those still unanswered past it, which the law treats as refused (P-39.1 s. 32, PIPEDA
/// s. 8(5)); a request still inside its deadline does not count yet. <see cref="Previous"/> is the
/// period of the same length just before, for the executive summary's comparison.
/// </summary>
public sealed record ReportData(
    ReportQuery Query,
    IReadOnlyList<string> Merchants,
    int Received,
    int Closed,
    int DecidedOnTime,
    int Decided,
    int UnansweredPastDeadline,
    int OverdueTotal,
    double? MedianDaysToClose,
    double? MeanDaysToClose,
    int Extended,
    IReadOnlyList<CountRow> ByType,
    IReadOnlyList<CountRow> ByChannel,
    IReadOnlyList<CountRow> ByJurisdiction,
    IReadOnlyList<CountRow> ByLanguage,
    IReadOnlyList<MonthRow> Monthly,
    IReadOnlyList<OverdueRow> Overdue,
    IReadOnlyList<RefusalRow> Refusals,
    IReadOnlyList<IncidentRow> Incidents,
    ReportData? Previous = null)
{
    public int Due => Decided + UnansweredPastDeadline;
    public double? OnTimeRate => Due == 0 ? null : (double)DecidedOnTime / Due;
}

public static class ReportPeriods
{
    /// <summary>The period of the same number of days that ends the day before <paramref name="q"/> starts.</summary>
    public static ReportQuery Before(ReportQuery q)
    {
        var days = q.To.DayNumber - q.From.DayNumber + 1;
        return q with { From = q.From.AddDays(-days), To = q.From.AddDays(-1) };
    }
}
