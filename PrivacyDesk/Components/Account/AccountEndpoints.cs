using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// Plain HTTP endpoints for what must set or clear cookies, which an interactive circuit cannot:
/// sign-out and the language switch. Both are form posts with antiforgery validation.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        // No form fields are bound here, so the antiforgery middleware's verdict (asked for by the metadata
        // below) is checked by hand: a forged cross-site post must not sign anyone out.
        account.MapPost("/logout", async (HttpContext http, SignInManager<StaffUser> signIn) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        account.MapPost("/culture", async (HttpContext http, [FromForm] string culture, [FromForm] string? returnUrl,
            UserManager<StaffUser> users) =>
        {
            var chosen = Cultures.Normalize(culture);
            var user = await users.GetUserAsync(http.User);
            if (user is not null && user.PreferredCulture != chosen)
            {
                user.PreferredCulture = chosen;
                await users.UpdateAsync(user);
            }
            WriteCultureCookie(http, chosen);
            return TypedResults.LocalRedirect(SafeLocal(returnUrl));
        }).AllowAnonymous(); // the login page offers the switch too
    }

    public static void WriteCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>Only same-site relative paths: an open redirect would let a phishing link borrow our login.</summary>
    public static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? "~" + url : "~/";
}
