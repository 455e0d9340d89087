using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Components.Shared;

namespace PrivacyDesk.Tests.Components;

/// <summary>The shared pieces every page relies on: one action per click, confirmations that can be refused.</summary>
public sealed class SharedComponentTests : ComponentTest
{
    [Fact]
    public async Task A_double_click_on_a_busy_button_runs_the_action_once()
    {
        var runs = 0;
        var release = new TaskCompletionSource();
        var cut = Render<BusyButton>(p => p
            .Add(x => x.OnClick, async () => { runs++; await release.Task; })
            .AddChildContent("Log request"));

        var first = cut.InvokeAsync(() => cut.Find("button").Click());
        // While the first click's work runs the button is disabled: the second click reaches nothing.
        cut.WaitForAssertion(() => Assert.True(cut.Find("button").HasAttribute("disabled")));
        Assert.Equal("true", cut.Find("button").GetAttribute("aria-busy"));
        await cut.InvokeAsync(() => cut.Find("button").Click());
        release.SetResult();
        await first;

        Assert.Equal(1, runs);
        cut.WaitForAssertion(() => Assert.False(cut.Find("button").HasAttribute("disabled")));
    }

    [Theory]
    [InlineData("confirm-ok", true)]
    [InlineData("confirm-cancel", false)]
    public async Task A_confirmation_answers_true_only_when_confirmed(string button, bool expected)
    {
        RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var provider = Dialogs!;
        Task<bool>? answer = null;
        await provider.InvokeAsync(() => answer = dialogs.ConfirmAsync("Erase data", "Erase Marie Tremblay's data? 12 records.", "Erase", danger: true));

        provider.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("Marie Tremblay", provider.Find("[data-testid=confirm-message]").TextContent);
        // Irreversible: the confirm button is danger-styled.
        Assert.Contains("mud-button-filled-error", provider.Find("[data-testid=confirm-ok]").ClassName);
        await provider.InvokeAsync(() => provider.Find($"[data-testid={button}]").Click());

        Assert.Equal(expected, await answer!);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=confirm-dialog]")));
    }

    [Fact]
    public void A_moment_is_shown_in_the_merchants_time_zone_with_its_offset()
    {
        var cut = Render<ZonedTime>(p => p.Add(x => x.Value, new DateTimeOffset(2026, 12, 1, 3, 30, 0, TimeSpan.Zero))
            .Add(x => x.Zone, TimeZoneInfo.FindSystemTimeZoneById("America/Toronto")));
        // 03:30 UTC is 22:30 the evening before in Montreal: the merchant's day, not the server's.
        Assert.Equal("2026-11-30 22:30 (UTC−05:00)", cut.Find("time").TextContent);
        Assert.Equal("2026-12-01T03:30:00.0000000+00:00", cut.Find("time").GetAttribute("datetime"));
    }

    [Fact]
    public void MudBlazors_own_texts_follow_the_readers_language()
    {
        UseCulture("fr-CA");
        var pager = Render<MudDataGrid<string>>(p => p.Add(x => x.Items, ["a", "b"]).Add(x => x.PagerContent, (RenderFragment)(b =>
        {
            b.OpenComponent<MudDataGridPager<string>>(0);
            b.CloseComponent();
        })));
        Assert.Contains("Lignes par page", pager.Markup);
        Assert.Contains("1 à 2 sur 2", pager.Markup);
        Assert.DoesNotContain("Rows per page", pager.Markup);
    }
}
