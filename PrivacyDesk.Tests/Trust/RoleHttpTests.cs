using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Signed-in staff of each role against the running app over HTTP: the pages and exports the
/// product rule gives them open, the others are refused (not merely hidden from the menu).
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class RoleHttpTests(AppServer app)
{
    private const string Rep = "rep@demo.privacydesk.example", Manager = "manager@demo.privacydesk.example", Officer = "officer@demo.privacydesk.example";

    [Theory]
    // Support reps log and look up; they do not export, report, handle incidents or administer.
    [InlineData(Rep, "/requests", true)]
    [InlineData(Rep, "/requests/new", true)]
    [InlineData(Rep, "/customers", true)]
    [InlineData(Rep, "/mail", true)]
    [InlineData(Rep, "/reports", false)]
    [InlineData(Rep, "/reports/export?format=csv&from=2026-01-01&to=2026-12-31", false)]
    [InlineData(Rep, "/incidents", false)]
    [InlineData(Rep, "/incidents/register?format=csv", false)]
    [InlineData(Rep, "/mail/1/original", false)]
    [InlineData(Rep, "/customers/import", false)]
    [InlineData(Rep, "/admin/users", false)]
    // Managers read reports, incidents and the register; they do not log, import, read raw mail or administer.
    [InlineData(Manager, "/reports", true)]
    [InlineData(Manager, "/reports/export?format=csv&from=2026-01-01&to=2026-12-31", true)]
    [InlineData(Manager, "/incidents", true)]
    [InlineData(Manager, "/incidents/register?format=csv", true)]
    [InlineData(Manager, "/requests/new", false)]
    [InlineData(Manager, "/customers", false)]
    [InlineData(Manager, "/mail", false)]
    [InlineData(Manager, "/mail/1/original", false)]
    [InlineData(Manager, "/admin/merchants", false)]
    [InlineData(Manager, "/admin/templates", false)]
    [InlineData(Manager, "/admin/api-keys", false)]
    // Officers do the work but administer nothing.
    [InlineData(Officer, "/reports/export?format=csv&from=2026-01-01&to=2026-12-31", true)]
    [InlineData(Officer, "/customers/import", true)]
    [InlineData(Officer, "/incidents/register?format=pdf", true)]
    [InlineData(Officer, "/admin/users", false)]
    [InlineData(Officer, "/admin/mailboxes", false)]
    [InlineData(Officer, "/admin/inventory", false)]
    public async Task A_role_opens_what_its_job_needs_and_nothing_else(string email, string path, bool allowed)
    {
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, email, app.DemoPassword);
        var response = await http.Client.GetAsync(path);
        Assert.False(StaffHttp.IsSentToLogin(response), $"{path} sent a signed-in user back to the login page");
        if (allowed)
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} should open {path}; got {(int)response.StatusCode} {response.Headers.Location}");
        else
            Assert.True(StaffHttp.IsDenied(response), $"{email} should be refused {path}; got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData(Rep)]
    [InlineData(Manager)]
    [InlineData(Officer)]
    public async Task Every_route_answers_a_role_as_its_declared_roles_say(string email)
    {
        var role = email.StartsWith("rep", StringComparison.Ordinal) ? "SupportRep" : email.StartsWith("manager", StringComparison.Ordinal) ? "Manager" : "PrivacyOfficer";
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, email, app.DemoPassword);
        var wrong = new List<string>();
        var swept = 0;
        foreach (var endpoint in await RouteTable.LoadAsync())
        {
            var pattern = RouteTable.Pattern(endpoint);
            if (RouteAuthorizationTests.PublicPrefixes.Any(pattern.StartsWith) || pattern.Contains("{**") || !RouteTable.Methods(endpoint).Contains("GET")) continue;
            var expected = Allows(endpoint, role);
            var response = await http.Client.GetAsync(RouteTable.SamplePath(endpoint));
            swept++;
            if (StaffHttp.IsSentToLogin(response)) wrong.Add($"{pattern}: sent to login");
            else if (StaffHttp.IsDenied(response) == expected) wrong.Add($"{pattern}: expected {(expected ? "open" : "refused")}, answered {(int)response.StatusCode}");
        }
        Assert.True(swept > 20, $"only {swept} routes swept");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>What the endpoint declares: every [Authorize] with roles must name one of the user's.</summary>
    private static bool Allows(RouteEndpoint endpoint, string role) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => !string.IsNullOrEmpty(a.Roles))
            .All(a => a.Roles!.Split(',').Select(r => r.Trim()).Contains(role));
}
