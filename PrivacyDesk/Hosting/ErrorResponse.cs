using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using PrivacyDesk.Data;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting;

/// <summary>
/// What an HTTP request (a download, an export, a form post) answers when the app fails: a short page
/// in both languages with a reference to quote to an administrator, or problem JSON for the API.
/// Never the exception's text: it may hold data. A database that cannot take a write answers 503 and
/// says why, as the pages do.
/// </summary>
public static class ErrorResponse
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var storage = error is null ? null : error as StorageUnavailableException ?? StorageUnavailableException.From(error);
        var reference = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Response.StatusCode = storage is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
        if (storage is not null) context.Response.Headers.RetryAfter = "30";

        // Both languages: the failure may come before the user's language is known.
        var text = context.RequestServices.GetRequiredService<UiText>();
        var key = storage?.TextKey ?? "Error.Http";
        var (en, fr) = (text.Get(key, "en"), text.Get(key, "fr"));

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(title: en, statusCode: context.Response.StatusCode, extensions: new Dictionary<string, object?> { ["reference"] = reference })
                .ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>PrivacyDesk</title></head>
            <body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto;">
            <h1>PrivacyDesk</h1>
            <p>{WebUtility.HtmlEncode(en)}</p>
            <p lang="fr">{WebUtility.HtmlEncode(fr)}</p>
            <p>Reference / Référence : <code data-testid="error-reference">{WebUtility.HtmlEncode(reference)}</code></p>
            <p><a href="/">PrivacyDesk</a></p>
            </body></html>
            """);
    }
}
