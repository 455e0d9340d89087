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
        if (security.TrustedProxies.Length > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponse.WriteAsync });
        if (security.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization();
        // People navigating (GET) get a page; API callers and refused form posts keep their bare status code
        // (re-executing a POST would look for a form on the not-found page and answer 404). The requester
        // portal keeps its own answers: the staff not-found page would send a member of the public to the staff sign-in.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/portal") && HttpMethods.IsGet(ctx.Request.Method),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after the status-code pages: a re-executed request (the 404 page) is routed again.
        // With the implicit routing WebApplication adds at the start, it kept the old (no) endpoint and
        // the browser showed its own "HTTP ERROR 404".
        app.UseRouting();
        app.UseRateLimiter(); // after routing: the sign-in and API limits are endpoint policies

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAccountRequirements();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapRequestApi();
        app.MapRequestEndpoints();
        PrivacyDesk.Features.Intake.Display.MailEndpoints.MapMailEndpoints(app);
        PrivacyDesk.Features.Reports.ReportEndpoints.MapReportEndpoints(app);
        PrivacyDesk.Features.Breaches.BreachEndpoints.MapBreachEndpoints(app);
        PrivacyDesk.Features.Portal.PortalEndpoints.MapPortalEndpoints(app);
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
