using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using PrivacyDesk.Hosting;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Every endpoint the app maps, read from its own route table (not a hand list): each either requires
/// sign-in (and the pages of a feature their roles) or is on the short list of public ones.
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class RouteAuthorizationTests(AppServer app)
{
    // The only endpoints anyone may reach unsigned, and why.
    internal static readonly string[] PublicPrefixes =
    [
        "account/login", "account/setup", "account/culture", // signing in, first run, the language switch on the login page
        "account/two-factor",                                 // the code after the password (it requires Identity's two-factor cookie)
        "account/set-password",                               // the link an invitation or a reset emails (its token is the credential)
        "portal/",                                            // the requester portal: its link's token, then an emailed code
        "health",                                             // monitoring
        "api/v1/requests",                                    // authenticated by the merchant's API key instead
        "_framework/", "_content/", "_blazor",                // framework scripts and MudBlazor's static files
        "app.", "favicon.", "css/", "shortcuts.",             // our stylesheets, icon and keyboard script (fingerprinted names too)
    ];

    // Pages any signed-in staff member may open; every other page names its roles.
    private static readonly string[] AnyStaffPages = ["", "not-found", "account/denied", "account/change-password", "account/two-factor-setup"];

    private static Task<IReadOnlyList<RouteEndpoint>> RouteTableAsync() => RouteTable.LoadAsync();

    private static string Pattern(RouteEndpoint e) => RouteTable.Pattern(e);

    [Fact]
    public async Task Every_endpoint_is_either_public_by_design_or_requires_sign_in()
    {
        var endpoints = await RouteTableAsync();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(Pattern).Where(p => !PublicPrefixes.Any(p.StartsWith)).Distinct().ToList();
        Assert.True(open.Count == 0, "Anonymous endpoints not on the public list: " + string.Join(", ", open));
    }

    [Fact]
    public async Task Every_feature_page_names_the_roles_that_may_open_it()
    {
        var pages = (await RouteTableAsync()).Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).ToList();
        Assert.Contains(pages, p => Pattern(p) == "admin/users");
        var unguarded = pages.Where(p => p.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(p => !AnyStaffPages.Contains(Pattern(p)))
            .Where(p => !p.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles)))
            .Select(Pattern).ToList();
        Assert.True(unguarded.Count == 0, "Pages without roles: " + string.Join(", ", unguarded));
        var adminPages = pages.Where(p => Pattern(p).StartsWith("admin/")).ToList();
        Assert.NotEmpty(adminPages);
        Assert.All(adminPages, p => Assert.Equal("Admin", p.Metadata.GetOrderedMetadata<IAuthorizeData>().Single(a => a.Roles is not null).Roles));
    }

    [Fact]
    public async Task An_anonymous_request_to_every_routable_page_and_endpoint_is_turned_away()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var checkedCount = 0;
        foreach (var endpoint in await RouteTableAsync())
        {
            var pattern = Pattern(endpoint);
            if (PublicPrefixes.Any(pattern.StartsWith) || pattern.Contains("{**")) continue;
            // Fill route parameters with plausible values: the check is about authorisation, not existence.
            var path = RouteTable.SamplePath(endpoint);
            var methods = RouteTable.Methods(endpoint);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET") request.Content = new FormUrlEncodedContent([]);
                var response = await http.SendAsync(request);
                var turnedAway = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login"));
                Assert.True(turnedAway, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 15, $"only {checkedCount} routes checked");
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await http.GetAsync("/account/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
