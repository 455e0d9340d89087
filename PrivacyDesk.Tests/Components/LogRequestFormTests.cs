using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Pages;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>The rep's form to log a phone call: messages on the fields that match the fault, nothing logged until it is right, once.</summary>
public sealed class LogRequestFormTests : ComponentTest, IAsyncLifetime
{
    private TestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = Own(await TestHost.CreateAsync());
        var laval = await _host.CreateMerchantAsync("laval", "Millenium Micro Laval");
        UseApp(_host, await _host.CreateUserAsync("marc@laval.example", [Roles.SupportRep], laval.Id));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderProviders();
    }

    private static string FieldError(IRenderedComponent<LogRequestPage> cut, string name) =>
        cut.Find($"[name={name}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    private async Task<int> RequestCountAsync()
    {
        await using var db = _host.SystemDb();
        return await db.Requests.CountAsync();
    }

    [Fact]
    public async Task A_name_too_long_says_so_on_the_name_field_and_nothing_is_logged()
    {
        var cut = Render<LogRequestPage>();
        cut.WaitForElement("[data-testid=log-form]");
        cut.Find("input[name=name]").Change(new string('a', 201));
        cut.Find("input[name=email]").Change("pas-une-adresse");
        cut.Find("[data-testid=log-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Enter at most 200 characters.", FieldError(cut, "name")));
        Assert.NotEqual("", FieldError(cut, "email"));
        Assert.NotEqual("Enter at most 200 characters.", FieldError(cut, "email"));
        Assert.Equal(0, await RequestCountAsync());
        Assert.Equal(new string('a', 201), cut.Find("input[name=name]").GetAttribute("value")); // what was typed is kept
    }

    [Fact]
    public async Task A_valid_call_is_logged_once_even_when_submitted_twice()
    {
        var cut = Render<LogRequestPage>();
        cut.WaitForElement("[data-testid=log-form]");
        cut.Find("input[name=name]").Change("Hélène Tremblay");
        cut.Find("input[name=email]").Change("helene@example.ca");
        cut.FindAll(".mud-checkbox input[type=checkbox]").First().Change(true);
        var form = cut.Find("[data-testid=log-form]");
        var first = cut.InvokeAsync(() => form.Submit());
        await cut.InvokeAsync(() => cut.Find("[data-testid=log-form]").Submit());
        await first;

        cut.WaitForAssertion(() => Assert.Contains("/requests/", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal(1, await RequestCountAsync());
    }
}
