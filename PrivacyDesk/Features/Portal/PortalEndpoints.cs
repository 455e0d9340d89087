namespace PrivacyDesk.Features.Portal;

/// <summary>The requester's downloads: a released file, for a browser holding the link's confirmed session.</summary>
public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/{token}/files/{attachmentId:long}", async (string token, long attachmentId, HttpContext http,
                RequesterPortal portal, PortalSession session, CancellationToken ct) =>
            {
                // The same 404 for a bad link, an unconfirmed browser and a file that is not theirs (or not released).
                http.Response.Headers.CacheControl = "no-store";
                var access = await portal.OpenAsync(token, ct);
                if (access is null || !session.Holds(http, access.Link)) return Results.NotFound();
                var file = await portal.DownloadAsync(access, attachmentId, http.Connection.RemoteIpAddress?.ToString(), ct);
                return file is null
                    ? Results.NotFound()
                    : Results.File(file.Content, file.ContentType == "application/pdf" ? "application/pdf" : "application/octet-stream",
                        Documents.FileNames.ForDownload(file.FileName));
            })
            .AllowAnonymous();
    }
}
