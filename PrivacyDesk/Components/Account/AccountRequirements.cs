using Microsoft.Extensions.Options;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// What a signed-in person must do before anything else: change a password an administrator reset,
/// or (when the installation requires it) enrol a second factor. Enforced on every request but the
/// account pages and static files, the Blazor circuit's hub included, so no page can be reached
/// around it, interactively or not.
/// </summary>
public static class AccountRequirements
{
    public const string PasswordChangeClaim = "pd.must-change-password";
    public const string ChangePasswordPath = "/account/change-password";

    public static IApplicationBuilder UseAccountRequirements(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
                     || path.StartsWithSegments("/health") || path.StartsWithSegments("/api") || Path.HasExtension(path.Value);
        if (!exempt && context.User.Identity?.IsAuthenticated == true)
        {
            if (context.User.HasClaim(c => c.Type == PasswordChangeClaim))
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }
            var options = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
            if (TwoFactor.MustEnrol(context.User, options))
            {
                context.Response.Redirect(TwoFactor.SetupPath);
                return;
            }
        }
        await next();
    });
}
