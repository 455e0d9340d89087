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

        // The register is one enterprise's record (Quebec s. 3.8): each export is one merchant's, never two mixed.
        app.MapGet("/incidents/register", async (string? format, int? merchant, HttpContext http, CurrentStaff staff, BreachService breaches,
                Admin.Merchants.MerchantService merchants, UiText text, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                // Refused before anything is read or audited: the audit says "exported" only for a file that left.
                if (format is not ("pdf" or "csv")) return Results.BadRequest("format must be pdf or csv.");
                var visible = await merchants.ListAsync(ct);
                var me = await staff.GetAsync(ct);
                // The merchant asked for (the page always says which), else the one the reader works on, else the first they see.
                var chosen = merchant is int asked ? visible.FirstOrDefault(m => m.Id == asked)
                    : visible.FirstOrDefault(m => m.Id == me.SelectedMerchantId) ?? visible.FirstOrDefault();
                if (chosen is null) return Results.NotFound(text["Register.ChooseMerchant"]);
                var rows = await breaches.RegisterAsync(chosen.Id, ct);
                var t = DocText.For(text, UiText.CurrentLanguage, chosen);
                var name = $"{(t.Language == "fr" ? "registre-incidents" : "incident-register")}-{chosen.Slug}";
                var file = format == "pdf"
                    ? Results.File(PdfRenderer.Render(BreachService.RegisterPdf(rows, t, chosen.LegalName ?? chosen.Name)), "application/pdf", $"{name}.pdf")
                    : Results.File(BreachService.RegisterCsv(rows, t), "text/csv; charset=utf-8", $"{name}.csv");
                await breaches.AuditRegisterExportAsync(format, chosen.Id, ct);
                return file;
            })
            .RequireAuthorization(readers);
    }
}
