using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>Every page, in English and French, as an admin: it renders, no string is missing, nothing fails in the browser.</summary>
[Collection(AppServerCollection.Name)]
public sealed partial class PageTourTests(AppServer app, BrowserFixture browser)
{
    private static readonly string[] Pages =
        ["/", "/requests", "/requests/new", "/customers", "/customers/import", "/admin/users", "/admin/merchants", "/admin/templates", "/admin/api-keys", "/admin/inventory"];

    [Theory]
    [InlineData("en-CA", "English")]
    [InlineData("fr-CA", "Français")]
    public async Task Every_page_renders_with_all_its_strings_and_no_browser_error(string culture, string switchLabel)
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.ClickAsync($"button[name=culture][value={culture}]");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture[..2]);

        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await page.WaitForBlazorAsync();
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            var text = await page.Locator("body").InnerTextAsync();
            var missing = MissingKey().Matches(text).Select(m => m.Value).ToList();
            Assert.True(missing.Count == 0, $"{path} ({culture}) shows missing strings: {string.Join(", ", missing)}");
            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), $"{path} ({culture}) shows the error bar");
            await page.ScreenshotToOutputAsync($"tour-{culture}{path.Replace('/', '-')}");
        }
        // A request and a customer page too (their ids come from the queue and the search).
        await page.GotoAsync("/requests");
        await page.WaitForBlazorAsync();
        // The default view (open requests by due date) lists the demo requests without any filter touched.
        await page.Locator("[data-testid=queue-grid] a.pd-ref").First.ClickAsync();
        await Expect(page.Locator("[data-testid=deadlines]")).ToBeVisibleAsync();
        Assert.Empty(MissingKey().Matches(await page.Locator("body").InnerTextAsync()));
        await page.ScreenshotToOutputAsync($"tour-{culture}-request");

        Assert.True(errors.Count == 0, "Browser errors: " + string.Join(" | ", errors));
        _ = switchLabel;
    }

    [GeneratedRegex(@"\[[A-Z][A-Za-z]+\.[A-Za-z._]+\]")]
    private static partial Regex MissingKey();
}
