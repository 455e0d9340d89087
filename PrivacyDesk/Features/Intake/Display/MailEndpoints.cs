using System.Text;
using PrivacyDesk.Features.Admin.Users;
using MimeKit;

namespace PrivacyDesk.Features.Intake.Display;

/// <summary>
/// What a circuit cannot serve: the sanitised HTML of a message (for the sandboxed iframe), its
/// inline images, and the original .eml for officers. Each checks role and merchant scope through
/// <see cref="MailboxService"/>, and the HTML view carries its own, stricter, CSP.
/// </summary>
public static class MailEndpoints
{
    /// <summary>No scripts at all; images only from us (cid parts) or, once allowed, from https; nothing may frame it but us.</summary>
    public static string HtmlPolicy(bool remoteImages) =>
        $"default-src 'none'; img-src 'self' data:{(remoteImages ? " https: http:" : "")}; style-src 'unsafe-inline'; font-src 'none'; " +
        "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

    public static void MapMailEndpoints(this IEndpointRouteBuilder app)
    {
        var staffOnly = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.ContentReaders };

        app.MapGet("/mail/{id:long}/html", async (long id, bool? images, HttpContext http, CurrentStaff staff, MailboxService mail, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                var view = await mail.GetAsync(id, ct);
                if (view?.Message?.HtmlBody is not { } html) return Results.NotFound();
                var allow = images == true;
                var clean = MailHtmlSanitizer.Sanitize(html, allow, cid => ContentIdUrl(view, id, cid));
                http.Response.Headers.ContentSecurityPolicy = HtmlPolicy(allow);
                http.Response.Headers.XFrameOptions = "SAMEORIGIN";
                http.Response.Headers.CacheControl = "no-store";
                var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{font-family:sans-serif;font-size:14px;margin:8px;word-wrap:break-word}img{max-width:100%}</style></head><body>"
                           + clean.Html + "</body></html>";
                return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(staffOnly);

        app.MapGet("/mail/{id:long}/part/{index:int}", async (long id, int index, HttpContext http, CurrentStaff staff, MailboxService mail, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                var view = await mail.GetAsync(id, ct);
                var part = view?.Message?.BodyParts.ElementAtOrDefault(index);
                // Only images are served inline (for cid: references); anything else would be active content.
                if (part is not MimePart image || !image.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase)
                    || image.ContentType.MediaSubtype.Equals("svg+xml", StringComparison.OrdinalIgnoreCase)) return Results.NotFound();
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                return Results.File(MailAttachments.Content(image), image.ContentType.MimeType.ToLowerInvariant());
            })
            .RequireAuthorization(staffOnly);

        app.MapGet("/mail/{id:long}/original", async (long id, HttpContext http, CurrentStaff staff, MailboxService mail, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                var raw = await mail.DownloadOriginalAsync(id, ct);
                return raw is null ? Results.NotFound() : Results.File(raw, "application/octet-stream", $"message-{id}.eml");
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.OfficerOrAdmin });
    }

    private static string? ContentIdUrl(InboundView view, long id, string cid)
    {
        var index = 0;
        foreach (var part in view.Message!.BodyParts)
        {
            if (string.Equals(part.ContentId, cid, StringComparison.OrdinalIgnoreCase)) return $"/mail/{id}/part/{index}";
            index++;
        }
        return null;
    }
}
