using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Components.Layout;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Tests.Components;

/// <summary>The navigation each role sees, in each language (the pages check the roles again: RouteAuthorizationTests).</summary>
public sealed class NavMenuTests : ComponentTest
{
    private static StaffIdentity Staff(params string[] roles) =>
        new("u1", "Test", roles.ToHashSet(), [new MerchantOption(1, "Alpha", "alpha")], null, MerchantScope.Only([1]));

    private string[] Links(StaffIdentity me) =>
        Render<NavMenu>(p => p.Add(x => x.Me, me)).FindAll("a").Select(a => a.TextContent.Trim()).Where(t => t.Length > 0).ToArray();

    [Fact]
    public void An_admin_sees_the_admin_sections()
    {
        var links = Links(Staff(Roles.Admin));
        Assert.Contains("Users", links);
        Assert.Contains("Merchants", links);
        Assert.Contains("Audit log", links);
    }

    [Fact]
    public void A_support_rep_sees_the_queue_and_customers_but_no_admin_section_reports_or_incidents()
    {
        var links = Links(Staff(Roles.SupportRep));
        Assert.Equal(["Home", "Requests", "Log a request", "Mail", "Customers"], links);
    }

    [Fact]
    public void A_manager_sees_figures_not_people()
    {
        var links = Links(Staff(Roles.Manager));
        Assert.Contains("Reports", links);
        Assert.DoesNotContain("Customers", links);
        Assert.DoesNotContain("Mail", links);
    }

    [Fact]
    public void The_menu_speaks_french_in_fr_CA()
    {
        UseCulture("fr-CA");
        var links = Links(Staff(Roles.Admin));
        Assert.Contains("Accueil", links);
        Assert.Contains("Utilisateurs", links);
        Assert.Contains("Marchands", links);
    }

    [Fact]
    public void The_queue_link_is_not_active_on_the_log_a_request_page()
    {
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("requests/new");
        var cut = Render<NavMenu>(p => p.Add(x => x.Me, Staff(Roles.PrivacyOfficer)));
        var active = cut.FindAll("a.active").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(["Log a request"], active);
    }
}
