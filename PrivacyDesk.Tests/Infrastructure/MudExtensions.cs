using Microsoft.Playwright;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>Drives MudBlazor widgets the way a person does: open, click the visible item.</summary>
public static class MudExtensions
{
    /// <summary>The field (MudTextField, MudSelect, MudDatePicker...) whose label contains <paramref name="label"/>.</summary>
    public static ILocator Field(this ILocator scope, string label) =>
        scope.Locator(".mud-input-control", new() { Has = scope.Page.Locator("label", new() { HasText = label }) }).First;

    public static ILocator Field(this IPage page, string label) => page.Locator("body").Field(label);

    /// <summary>Opens the MudSelect inside <paramref name="scope"/> and picks the item whose text is <paramref name="text"/>.</summary>
    public static async Task ChooseAsync(this ILocator scope, IPage page, string text)
    {
        // The visible input box (MudSelect listens on the control around it; its value input is hidden).
        // The scope is the field itself or a panel holding it.
        await scope.Locator("div.mud-input").First.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).First;
        await item.ClickAsync();
        // A single-choice select closes after the click; a multi-select stays open until Escape.
        if (await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0 && await scope.Locator(".mud-select[data-multi]").CountAsync() > 0)
            await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>Ticks the MudCheckBox whose label contains <paramref name="label"/>.</summary>
    public static async Task TickAsync(this IPage page, string label) =>
        await page.Locator(".mud-checkbox", new() { HasText = label }).First.Locator("input[type=checkbox]").CheckAsync();

    /// <summary>The open MudDialog (the top one).</summary>
    public static ILocator OpenDialog(this IPage page) => page.Locator(".mud-dialog").Last;
}
