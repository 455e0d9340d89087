using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// TOTP two-factor sign-in on ASP.NET Identity's authenticator tokens (RFC 6238, any authenticator
/// app). The session cookie carries a claim saying the second factor was used, so a policy can ask
/// for it without reading the database on every request.
/// </summary>
public static class TwoFactor
{
    public const string ClaimType = "pd.2fa";
    public const string SetupPath = "/account/two-factor-setup";

    /// <summary>Completes a sign-in: the session cookie with its start time (for the absolute cap); its claims come from <see cref="StaffClaimsFactory"/>.</summary>
    public static async Task SignInAsync(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, HttpContext http, StaffUser user, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[SessionLifetime.SignedInAtKey] = now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await signIn.SignInAsync(user, properties);
        user.LastSignInAt = now;
        // A language picked on the login page wins over the account's and becomes the account's.
        if (http.Request.Cookies.TryGetValue(AccountEndpoints.ChosenBeforeSignInCookie, out var chosen) && Cultures.Supported.Contains(Cultures.Normalize(chosen)))
        {
            user.PreferredCulture = Cultures.Normalize(chosen);
            http.Response.Cookies.Delete(AccountEndpoints.ChosenBeforeSignInCookie);
        }
        await users.UpdateAsync(user);
        AccountEndpoints.WriteCultureCookie(http, user.PreferredCulture);
    }

    /// <summary>After the password: remember who is half-signed-in (Identity's two-factor cookie) until the code is given.</summary>
    public static Task RememberPendingUserAsync(HttpContext http, StaffUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        return http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Is this signed-in user one who must enrol before going further (Security:RequireTwoFactor, officers and admins)?</summary>
    public static bool MustEnrol(ClaimsPrincipal user, SecurityOptions options) =>
        options.RequireTwoFactor
        && user.Identity?.IsAuthenticated == true
        && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.PrivacyOfficer))
        && !user.HasClaim(c => c.Type == ClaimType);

    /// <summary>The otpauth URI an authenticator app reads from the QR code.</summary>
    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/PrivacyDesk:{Uri.EscapeDataString(email)}?secret={key}&issuer=PrivacyDesk&digits=6";

    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.Q);
        var png = new QRCoder.PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
