using Microsoft.AspNetCore.DataProtection;

namespace PrivacyDesk.Features.Portal;

/// <summary>
/// The cookie that says this browser entered the right code for one link: the link's id and the
/// session stamp of that confirmation, with an expiry, protected (signed and encrypted) by Data
/// Protection. No staff cookie or circuit is involved; the cookie is sent only under /portal.
/// </summary>
public sealed class PortalSession(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "pd.portal";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("PrivacyDesk.Portal.Session.v1").ToTimeLimitedDataProtector();

    public void Issue(HttpContext http, PortalLink link, TimeSpan lifetime) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{link.Id}:{link.SessionStamp:N}", clock.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, Path = "/portal", SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps, MaxAge = lifetime,
        });

    public void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/portal" });

    /// <summary>True when the cookie was issued for this link's current confirmation and has not expired.</summary>
    public bool Holds(HttpContext http, PortalLink link)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 1000 } value) return false;
        try
        {
            var parts = _protector.Unprotect(value).Split(':');
            return parts.Length == 2 && parts[0] == link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && parts[1] == link.SessionStamp.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }
}
