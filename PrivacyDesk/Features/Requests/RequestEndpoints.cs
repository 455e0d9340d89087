using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Requests;

/// <summary>File downloads, which a circuit cannot serve: attachments of a request's timeline.</summary>
public static class RequestEndpoints
{
    public static void MapRequestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/requests/{requestId:int}/attachments/{attachmentId:long}", async (int requestId, long attachmentId,
                HttpContext http, CurrentStaff staff, RequestWorkflow workflow, CancellationToken ct) =>
            {
                staff.UsePrincipal(http.User);
                var attachment = await workflow.DownloadAttachmentAsync(requestId, attachmentId, ct);
                // Always a download, never rendered by the browser: a file from outside may be HTML.
                return attachment is null
                    ? Results.NotFound()
                    : Results.File(attachment.Content, "application/octet-stream", Documents.FileNames.ForDownload(attachment.FileName));
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.ContentReaders });
    }
}
