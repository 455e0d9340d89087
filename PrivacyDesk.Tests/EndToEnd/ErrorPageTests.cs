using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>A wrong address is our page in the user's language with the right status, never the browser's own error page.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class ErrorPageTests(AppServer app, BrowserFixture browser)
{
    [Theory]
    [InlineData("/requests/abc")]
    [InlineData("/requests/1/attachments/999999")]
    [InlineData("/incidents/1/files/999999")]
    [InlineData("/no-such-page")]
    public async Task A_missing_page_or_file_answers_our_not_found_page(string path)
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.UseEnglishAsync();

        var response = await page.GotoAsync(path);
        await page.WaitForBlazorAsync();

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Back to the home page" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-appbar")).ToBeVisibleAsync(); // the app around it, not a bare error
    }

    [Fact]
    public async Task A_request_that_does_not_exist_or_is_another_merchants_says_so_in_the_page()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.UseEnglishAsync();
        await page.GotoAsync("/requests/999999");
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=request-not-found]")).ToContainTextAsync("does not exist or is not one of your merchants");
    }
}
