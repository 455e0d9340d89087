using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Components.Layout;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>The header's merchant switcher on the real services: it lists the user's own merchants only and scopes the session.</summary>
public sealed class MerchantSwitcherTests : ComponentTest
{
    [Fact]
    public async Task It_lists_only_my_merchants_and_switching_scopes_the_session_and_reloads()
    {
        var host = Own(await TestHost.CreateAsync());
        var laval = await host.CreateMerchantAsync("laval", "Millenium Micro Laval");
        var ottawa = await host.CreateMerchantAsync("ottawa", "Millenium Micro Ottawa", "CA", "ON");
        await host.CreateMerchantAsync("paris", "Minididou Paris", "FR", null);
        var officer = await host.CreateUserAsync("sophie@example.ca", [Roles.PrivacyOfficer], laval.Id, ottawa.Id);
        UseApp(host, officer);
        var staff = Services.GetRequiredService<CurrentStaff>();
        var me = await staff.GetAsync();

        var popovers = RenderProviders();
        var cut = Render<MerchantSwitcher>(p => p.Add(x => x.Me, me));
        await cut.InvokeAsync(() => cut.Find(".mud-select .mud-input-slot").MouseDown());
        var items = popovers.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToArray();
        Assert.Equal(["All my merchants", "Millenium Micro Laval", "Millenium Micro Ottawa"], items);

        await popovers.InvokeAsync(() => popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Contains("Ottawa")).Click());

        // The choice is saved asynchronously after the click; on a database server that takes a round trip or two.
        var nav0 = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.NotEmpty(nav0.History), TimeSpan.FromSeconds(10));
        Assert.Equal(ottawa.Id, (await staff.GetAsync()).SelectedMerchantId);
        var nav = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        Assert.True(nav.History.First().Options.ForceLoad, "switching reloads the page so every panel is scoped again");
    }

    [Fact]
    public async Task With_one_merchant_there_is_nothing_to_switch()
    {
        var host = Own(await TestHost.CreateAsync());
        var laval = await host.CreateMerchantAsync("laval", "Millenium Micro Laval");
        UseApp(host, await host.CreateUserAsync("marc@example.ca", [Roles.SupportRep], laval.Id));
        var me = await Services.GetRequiredService<CurrentStaff>().GetAsync();
        var cut = Render<MerchantSwitcher>(p => p.Add(x => x.Me, me));
        Assert.Empty(cut.FindAll(".mud-select"));
        Assert.Equal("Millenium Micro Laval", cut.Find(".pd-merchant-name").TextContent);
    }
}
