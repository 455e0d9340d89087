using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Reports;

/// <summary>
/// Builds manager reports from the request queue of the user's merchants (the merchant scope
/// applies as everywhere). Reading only: nothing here changes data, except the audit record of an export.
/// </summary>
public sealed class ReportService(Db db, CurrentStaff staff, TimeProvider clock)
{
    public static readonly string[] Readers = [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager];

    public async Task<ReportData> BuildAsync(ReportQuery query, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var previous = await BuildAsync(ctx, ReportPeriods.Before(query), null, ct);
        return await BuildAsync(ctx, query, previous, ct);
    }

    private async Task<ReportData> BuildAsync(PrivacyDeskDbContext ctx, ReportQuery query, ReportData? previous, CancellationToken ct)
    {
        var merchants = await ctx.Merchants.AsNoTracking()
            .Where(m => query.MerchantIds.Count == 0 || query.MerchantIds.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        var ids = merchants.Select(m => m.Id).ToList();
        var names = merchants.ToDictionary(m => m.Id, m => m.Name);
        var rows = await ctx.Requests.AsNoTracking()
            .Where(r => ids.Contains(r.MerchantId) && r.ReceivedOn >= query.From && r.ReceivedOn <= query.To && r.Status != RequestStatus.Merged)
            .Select(r => new Row(r.Id, r.Reference, r.MerchantId, r.Type, r.TypeCodes, r.Channel, r.Jurisdiction, r.Language, r.Status,
                r.ReceivedAt, r.ReceivedOn, r.DecidedAt, r.ClosedAt, r.EffectiveDue, r.ExtendedDue, r.Outcome, r.OutcomeReason))
            .ToListAsync(ct);

        var closed = rows.Where(r => r.DecidedAt is not null || r.ClosedAt is not null).ToList();
        var decided = rows.Where(r => r.DecidedAt is not null).ToList();
        var days = closed.Select(r => ((r.DecidedAt ?? r.ClosedAt)!.Value - r.ReceivedAt).TotalDays).Order().ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var openStatuses = RequestIntake.OpenStatuses;
        var overdueQuery = ctx.Requests.AsNoTracking().Where(r => ids.Contains(r.MerchantId) && openStatuses.Contains(r.Status) && r.EffectiveDue < today);
        var overdueTotal = await overdueQuery.CountAsync(ct);
        var overdue = await overdueQuery
            .OrderBy(r => r.EffectiveDue).Take(500)
            .Select(r => new { r.Id, r.Reference, r.MerchantId, r.TypeCodes, r.EffectiveDue, r.AssigneeName }).ToListAsync(ct);

        var fromTime = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var toTime = new DateTimeOffset(query.To.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        var language = Hosting.Localization.UiText.CurrentLanguage;
        var incidents = (await ctx.Incidents.AsNoTracking()
            .Where(i => ids.Contains(i.MerchantId) && i.AwareAt >= fromTime && i.AwareAt <= toTime).OrderBy(i => i.AwareAt)
            .Select(i => new { Incident = i, Persons = ctx.AffectedPeople.Count(p => p.IncidentId == i.Id), Filed = ctx.Filings.Any(f => f.IncidentId == i.Id && f.FiledAt != null) })
            .ToListAsync(ct))
            // The title in the reader's language when the facts were translated.
            .Select(x => new IncidentRow(x.Incident.Reference, Breaches.IncidentFacts.In(x.Incident, language).Title, x.Incident.AwareAt, x.Persons, x.Incident.Status.ToString(),
                x.Filed, x.Incident.MerchantId, x.Incident.Id))
            .ToList();

        return new ReportData(
            query, merchants.Select(m => m.Name).Order().ToList(),
            rows.Count, closed.Count,
            decided.Count(r => DateOnly.FromDateTime(r.DecidedAt!.Value.UtcDateTime) <= r.EffectiveDue), decided.Count,
            rows.Count(r => r.DecidedAt is null && r.ClosedAt is null && r.EffectiveDue < today), overdueTotal,
            days.Count == 0 ? null : Median(days), days.Count == 0 ? null : days.Average(),
            rows.Count(r => r.ExtendedDue is not null),
            Count(rows, r => r.Type.ToString()), Count(rows, r => r.Channel.ToString()), Count(rows, r => r.Jurisdiction.ToString()), Count(rows, r => r.Language),
            Monthly(rows, query),
            overdue.Select(o => new OverdueRow(o.Id, o.Reference, names[o.MerchantId], o.TypeCodes, o.EffectiveDue, today.DayNumber - o.EffectiveDue.DayNumber, o.AssigneeName)).ToList(),
            // A partial refusal is a refusal the person may challenge: it is counted and listed with the others.
            decided.Where(r => r.Outcome is RequestOutcome.Refused or RequestOutcome.PartiallyFulfilled).OrderBy(r => r.DecidedAt)
                .Select(r => new RefusalRow(r.Reference, r.TypeCodes, r.DecidedAt!.Value, r.OutcomeReason ?? "", r.MerchantId, r.Id)).ToList(),
            incidents, previous);
    }

    private sealed record Row(int Id, string Reference, int MerchantId, RequestType Type, string TypeCodes, RequestChannel Channel,
        Requests.Deadlines.Jurisdiction Jurisdiction, string Language, RequestStatus Status, DateTimeOffset ReceivedAt, DateOnly ReceivedOn,
        DateTimeOffset? DecidedAt, DateTimeOffset? ClosedAt, DateOnly EffectiveDue, DateOnly? ExtendedDue, RequestOutcome? Outcome, string? OutcomeReason);

    private static List<CountRow> Count(List<Row> rows, Func<Row, string> key) =>
        rows.GroupBy(key).Select(g => new CountRow(g.Key, g.Count(), g.Count(r => r.DecidedAt is not null || r.ClosedAt is not null)))
            .OrderByDescending(c => c.Received).ThenBy(c => c.Key).ToList();

    private static List<MonthRow> Monthly(List<Row> rows, ReportQuery q)
    {
        var months = new List<MonthRow>();
        for (var m = new DateOnly(q.From.Year, q.From.Month, 1); m <= q.To; m = m.AddMonths(1))
        {
            var inMonth = rows.Where(r => r.ReceivedOn.Year == m.Year && r.ReceivedOn.Month == m.Month).ToList();
            months.Add(new MonthRow($"{m:yyyy-MM}", Enum.GetValues<RequestType>().ToDictionary(t => t, t => inMonth.Count(r => r.Type == t))));
        }
        return months;
    }

    /// <summary>"ACC,RECT" as "Access, Rectification": a request's types in the reader's words.</summary>
    public static string TypeNames(string codes, Hosting.Localization.UiText text) =>
        string.Join(", ", RequestTypeCodes.Split(codes).Select(t => text[$"Type.{t}"]));

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Records that a report left the app (who, what period, which merchants, which format).</summary>
    public async Task AuditExportAsync(ReportQuery query, string format, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        ctx.Audit("report.exported", "Report", $"{query.From:yyyy-MM-dd}..{query.To:yyyy-MM-dd}", query.MerchantIds.Count == 1 ? query.MerchantIds[0] : null,
            new { format, merchants = query.MerchantIds });
        await ctx.SaveChangesAsync(ct);
    }

    private async Task RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Readers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Reports are for managers, privacy officers and administrators.");
    }
}
