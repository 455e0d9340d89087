using PrivacyDesk.Components.Layout;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Admin;

public sealed class NavMenuTests
{
    private static StaffIdentity Staff(params string[] roles) =>
        new("u1", "Test", roles.ToHashSet(), [new MerchantOption(1, "Alpha", "alpha")], null, MerchantScope.Only([1]));

    private static async Task<string[]> LinksAsync(StaffIdentity me, string culture = "en-CA")
    {
        var doc = await ComponentRenderer.RenderAsync<NavMenu>(new Dictionary<string, object?> { ["Me"] = me }, culture);
        return doc.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).Where(t => t.Length > 0).ToArray();
    }

    [Fact]
    public async Task An_admin_sees_the_admin_sections()
    {
        var links = await LinksAsync(Staff(Roles.Admin));
        Assert.Contains(links, l => l.Contains("Users"));
        Assert.Contains(links, l => l.Contains("Merchants"));
    }

    [Fact]
    public async Task A_support_rep_does_not_see_admin_sections()
    {
        var links = await LinksAsync(Staff(Roles.SupportRep));
        Assert.Contains(links, l => l.Contains("Home"));
        Assert.DoesNotContain(links, l => l.Contains("Users") || l.Contains("Merchants"));
    }

    [Fact]
    public async Task The_menu_speaks_french_in_fr_CA()
    {
        var links = await LinksAsync(Staff(Roles.Admin), "fr-CA");
        Assert.Contains(links, l => l.Contains("Accueil"));
        Assert.Contains(links, l => l.Contains("Utilisateurs"));
        Assert.Contains(links, l => l.Contains("Marchands"));
    }
}
