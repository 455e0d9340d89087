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
        account.MapPost("/logout", async (HttpContext http, SignInManager<StaffUser> signIn, UserManager<StaffUser> users, StaffSessions sessions) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }) return Results.BadRequest();
            // Deleting the cookie is not enough: a copy of it (another tab, a stolen one) must stop working too.
            if (await users.GetUserAsync(http.User) is { } user) await sessions.EndAllAsync(users, user);
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
            // Chosen before signing in (on the login page): the sign-in keeps this choice rather than the account's.
            if (user is null) http.Response.Cookies.Append(ChosenBeforeSignInCookie, chosen,
                new CookieOptions { IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, MaxAge = TimeSpan.FromHours(12) });
            return TypedResults.LocalRedirect(SafeLocal(returnUrl));
        }).AllowAnonymous(); // the login page offers the switch too
    }

    /// <summary>Set when someone picks a language on the login page; read (and removed) by the sign-in.</summary>
    public const string ChosenBeforeSignInCookie = "pd.culture.chosen";

    public static void WriteCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>
    /// A path on this site to go to after sign-in or a language switch, else "/": an open redirect would
    /// let a phishing link borrow our login. The value is judged as the browser will read it (a
    /// backslash is a slash there, tabs and newlines are dropped), and is used as judged: nothing is
    /// trimmed or rewritten after the check.
    /// </summary>
    public static string SafeLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000) return "/";
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)) return "/";
        if (url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)) return "/";
        var site = new Uri("http://privacydesk.invalid/");
        return Uri.TryCreate(site, url, out var target) && target.Authority == site.Authority ? url : "/";
    }
}
