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

        account.MapPost("/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });

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
