using Microsoft.Extensions.Options;
using PrivacyDesk.Components;
using PrivacyDesk.Components.Account;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;

namespace PrivacyDesk.Hosting;

public static class Pipeline
{
    public static WebApplication UsePrivacyDesk(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (security.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization();
        // API callers get bare status codes; people get a page.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePagesWithReExecute("/not-found"));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorEnrolment();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapRequestApi();
        app.MapRequestEndpoints();
        PrivacyDesk.Features.Intake.Display.MailEndpoints.MapMailEndpoints(app);
        PrivacyDesk.Features.Reports.ReportEndpoints.MapReportEndpoints(app);
        PrivacyDesk.Features.Breaches.BreachEndpoints.MapBreachEndpoints(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // The framework's own script (_framework/blazor.web.js) is public code the login page
                // loads; every page and the circuit hub stay behind sign-in.
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern }
                    && pattern.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
                    endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            });
        return app;
    }
}
