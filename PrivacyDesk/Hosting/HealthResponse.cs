using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivacyDesk.Hosting;

/// <summary>/health as JSON: the overall status for anyone; for a signed-in administrator also each check's status, description and data (no personal data in any of them).</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // Monitoring needs the verdict; which checks fail, and the mailboxes' counts and times, are for administrators.
        if (!context.User.IsInRole(Features.Admin.Users.Roles.Admin))
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }
}
