using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using PrivacyDesk.Data;

namespace PrivacyDesk.Hosting;

/// <summary>
/// What an HTTP request (a download, an export, a form post) answers when the app fails: a short page
/// in both languages (the failure may come before the user's language is known) with a reference to
/// quote to an administrator, or problem JSON for the API. Never the exception's text: it may hold
/// data. A database that cannot take a write answers 503 and says so.
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

        var (en, fr) = storage is null
            ? ("Something went wrong and nothing was changed. Try again; if it happens again, give this reference to an administrator.",
               "Une erreur s'est produite et rien n'a été modifié. Réessayez; si elle se reproduit, donnez cette référence à un administrateur.")
            : ("The database cannot take changes at the moment (" + storage.Problem + "). Nothing was saved. Try again in a moment or tell an administrator.",
               "La base de données ne peut pas enregistrer pour le moment (" + storage.Problem + "). Rien n'a été enregistré. Réessayez dans un instant ou avisez un administrateur.");

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
