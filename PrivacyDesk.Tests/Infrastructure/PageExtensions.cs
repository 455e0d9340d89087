using Microsoft.Playwright;

namespace PrivacyDesk.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Signs in through the real login form and waits for the interactive shell.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit].pd-submit");
        await page.WaitForSelectorAsync(".mud-appbar");
        await page.WaitForBlazorAsync();
    }

    /// <summary>Finds a request in the queue by its reference and opens it, as staff do.</summary>
    public static async Task OpenRequestAsync(this IPage page, string reference)
    {
        await page.GotoAsync("/requests");
        await page.WaitForBlazorAsync();
        // The queue searches as one types (300 ms after the last key): wait for the one match, then open it.
        await page.FillAsync("input[name=search]", reference);
        var links = page.Locator("[data-testid=queue-grid] a.pd-ref");
        await Assertions.Expect(links).ToHaveCountAsync(1);
        await links.Filter(new() { HasText = reference }).ClickAsync();
        await page.WaitForBlazorAsync();
        await Assertions.Expect(page.Locator("[data-testid=reference]")).ToHaveTextAsync(reference);
    }

    /// <summary>
    /// Switches the signed-in user's interface to English with the header's language button, for tests
    /// that read English whatever language another test left the shared demo account in. The click
    /// waits for the circuit (the header is re-rendered when it connects, which could swallow an early
    /// click) and is repeated once if the page did not come back in English.
    /// </summary>
    public static async Task UseEnglishAsync(this IPage page)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await page.WaitForBlazorAsync();
            if (await page.Locator("html").GetAttributeAsync("lang") == "en") return;
            await page.Locator("button[name=culture][value=en-CA]").ClickAsync();
            try
            {
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
                await page.WaitForBlazorAsync();
                return;
            }
            catch (PlaywrightException) when (attempt == 0) { }
        }
    }

    /// <summary>Waits until the Blazor circuit is connected, so clicks reach the server.</summary>
    public static async Task WaitForBlazorAsync(this IPage page) =>
        await page.Locator("#pd-circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static async Task ScreenshotToOutputAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.TestOutput, name + ".png"), FullPage = true });
}
