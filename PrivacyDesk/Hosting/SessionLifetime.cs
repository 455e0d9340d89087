using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Hosting;

/// <summary>
/// Checks the session on every request (see StaffSessions) and caps its total length: sliding expiration alone would let a busy tab stay signed in
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
        // Every request, not every 30 minutes as Identity's validator would: a cookie saved before a sign-out,
        // a lock, a reset or a change of roles must not open one more page, download or circuit.
        var sessions = context.HttpContext.RequestServices.GetRequiredService<PrivacyDesk.Features.Admin.Users.StaffSessions>();
        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }
        // Identity's own validator still refreshes the claims (roles, two-step) at its interval.
        await Microsoft.AspNetCore.Identity.SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
