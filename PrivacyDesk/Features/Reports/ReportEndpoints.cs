using System.Globalization;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Reports;

/// <summary>GET /reports/export?format=pdf|csv&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;merchants=1,2: a download, audited, in the reader's language.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/export", async (string? format, string? from, string? to, string? merchants, HttpContext http,
                CurrentStaff staff, ReportService reports, UiText text, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                if (!TryDate(from, out var f) || !TryDate(to, out var t) || f > t || t.DayNumber - f.DayNumber > 3660)
                    return Results.BadRequest("from and to must be dates (yyyy-MM-dd), from <= to, at most 10 years apart.");
                var ids = (merchants ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
                if (ids.Contains(-1)) return Results.BadRequest("merchants must be a comma-separated list of ids.");
                var query = new ReportQuery(f, t, ids);
                var data = await reports.BuildAsync(query, ct);
                var doc = new DocText(text, UiText.CurrentLanguage);
                var name = $"privacy-report-{f:yyyyMMdd}-{t:yyyyMMdd}";
                switch (format)
                {
                    case "pdf":
                        await reports.AuditExportAsync(query, "pdf", ct);
                        return Results.File(PdfRenderer.Render(ReportExports.Pdf(data, doc)), "application/pdf", name + ".pdf");
                    case "csv":
                        await reports.AuditExportAsync(query, "csv", ct);
                        return Results.File(ReportExports.Csv(data, doc), "text/csv; charset=utf-8", name + ".csv");
                    default:
                        return Results.BadRequest("format must be pdf or csv.");
                }
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = string.Join(',', ReportService.Readers) });
    }

    private static bool TryDate(string? s, out DateOnly d) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);
}
