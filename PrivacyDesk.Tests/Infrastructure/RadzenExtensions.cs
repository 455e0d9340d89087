using Microsoft.Playwright;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>Drives Radzen widgets the way a person does: open, click the visible item.</summary>
public static class RadzenExtensions
{
    /// <summary>Opens the dropdown inside <paramref name="scope"/> and picks the item whose text is <paramref name="text"/>.</summary>
    public static async Task ChooseAsync(this ILocator scope, IPage page, string text)
    {
        await scope.Locator(".rz-dropdown").First.ClickAsync();
        var item = page.Locator(".rz-popup:visible .rz-dropdown-item", new() { HasText = text }).First;
        await item.ClickAsync();
    }

    /// <summary>Ticks the checkbox of a RadzenCheckBoxList item by its label.</summary>
    public static async Task TickAsync(this IPage page, string label) =>
        await page.Locator(".rz-checkbox-list-item, .rz-checkbox-list-horizontal > div, .rz-checkbox-list-vertical > div", new() { HasText = label })
            .First.Locator(".rz-chkbox-box, .rz-checkbox-box").First.ClickAsync();
}
