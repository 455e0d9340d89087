using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches;

/// <summary>Downloads: files on an incident's timeline, and the register as PDF or CSV (managers included).</summary>
public static class BreachEndpoints
{
    public static void MapBreachEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = string.Join(',', BreachService.Readers) };
        app.MapGet("/incidents/{id:int}/files/{eventId:long}", async (int id, long eventId, HttpContext http, CurrentStaff staff, BreachService breaches, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                var file = await breaches.DownloadAsync(id, eventId, ct);
                return file is { } f ? Results.File(f.Content, f.Name.EndsWith(".pdf") ? "application/pdf" : "application/octet-stream", Documents.FileNames.ForDownload(f.Name)) : Results.NotFound();
            })
            .RequireAuthorization(readers);

        app.MapGet("/incidents/register", async (string? format, HttpContext http, CurrentStaff staff, BreachService breaches, UiText text, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                // Refused before anything is read or audited: the audit says "exported" only for a file that left.
                if (format is not ("pdf" or "csv")) return Results.BadRequest("format must be pdf or csv.");
                var rows = await breaches.RegisterAsync(ct);
                var t = new DocText(text, UiText.CurrentLanguage);
                var file = format == "pdf"
                    ? Results.File(PdfRenderer.Render(BreachService.RegisterPdf(rows, t)), "application/pdf", "incident-register.pdf")
                    : Results.File(BreachService.RegisterCsv(rows, t), "text/csv; charset=utf-8", "incident-register.csv");
                await breaches.AuditRegisterExportAsync(format, ct);
                return file;
            })
            .RequireAuthorization(readers);
    }
}
