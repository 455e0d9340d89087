using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
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

        // Not awaited: the first click's work is still running (it waits for release).
        var first = cut.Find("button").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.True(cut.Find("button").HasAttribute("disabled")));
        Assert.Equal("true", cut.Find("button").GetAttribute("aria-busy"));
        // A browser sends no click to a disabled button; even if one reached the handler, the guard stops it.
        try { await cut.Find("button").ClickAsync(new MouseEventArgs()); }
        catch (MissingEventHandlerException) { }
        release.SetResult();
        await first;

        Assert.Equal(1, runs);
        cut.WaitForAssertion(() => Assert.False(cut.Find("button").HasAttribute("disabled")));
    }

    [Fact]
    public void The_page_around_a_busy_button_shows_what_its_action_changed()
    {
        var cut = Render<CountingPage>();
        cut.Find("button").Click();
        // The handler lives in the page: the page must re-render after it (a review decision, a saved row).
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#count").TextContent));
    }

    /// <summary>A page whose state a BusyButton's action changes.</summary>
    private sealed class CountingPage : ComponentBase
    {
        private int _count;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder b)
        {
            b.OpenElement(0, "span");
            b.AddAttribute(1, "id", "count");
            b.AddContent(2, _count);
            b.CloseElement();
            b.OpenComponent<BusyButton>(3);
            b.AddAttribute(4, nameof(BusyButton.OnClick), EventCallback.Factory.Create(this, async () => { await Task.Yield(); _count++; }));
            b.AddAttribute(5, nameof(BusyButton.ChildContent), (RenderFragment)(c => c.AddContent(0, "Add")));
            b.CloseComponent();
        }
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
        await provider.InvokeAsync(() => { answer = dialogs.ConfirmAsync("Erase data", "Erase Marie Tremblay's data? 12 records.", "Erase", danger: true); });

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
        var text = System.Text.RegularExpressions.Regex.Replace(pager.Find(".mud-data-grid").TextContent, @"\s+", " ");
        Assert.Contains("Lignes par page", text);
        Assert.Contains("1 à 2 sur 2", text);
        Assert.DoesNotContain("Rows per page", text);
    }
}
