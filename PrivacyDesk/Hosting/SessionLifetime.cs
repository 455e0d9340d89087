using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Hosting;

/// <summary>
/// Caps a session's total length: sliding expiration alone would let a busy tab stay signed in
/// for ever. The sign-in time travels in the cookie's properties, which renewal keeps.
/// </summary>
public static class SessionLifetime
{
    public const string SignedInAtKey = "pd.signedInAt";

    public static async Task EnforceMaximumAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.Items.TryGetValue(SignedInAtKey, out var raw)
            && long.TryParse(raw, out var ticks)
            && time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) > TimeSpan.FromHours(options.SessionMaxHours))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }
        // Lets Identity check the security stamp (a locked or reset user is signed out).
        await Microsoft.AspNetCore.Identity.SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
