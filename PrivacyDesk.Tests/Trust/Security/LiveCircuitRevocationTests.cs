using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Finding 3, the open tab: a circuit is one long WebSocket that no cookie check sees again. When an
/// administrator locks the user, the page on screen must leave for the sign-in page at once, not at
/// the next periodic re-validation.
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class LiveCircuitRevocationTests(BrowserFixture browser)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task A_lock_sends_the_open_page_to_the_sign_in_page_within_seconds()
    {
        await using var app = await InProcessApp.StartAsync([]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        var adminId = await app.CreateStaffAsync("admin@laval.example", Password, [Roles.Admin]);
        var officerId = await app.CreateStaffAsync("officer@laval.example", Password, [Roles.PrivacyOfficer], merchant.Id);

        var page = await browser.NewPageAsync(app.HttpUrl);
        await page.SignInAsync("officer@laval.example", Password);
        await page.GotoAsync("/requests");
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=queue-grid]")).ToBeVisibleAsync();

        await using (var scope = app.ActAs(adminId))
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetLockedAsync(officerId, true)).Succeeded);

        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 10_000 });
        await page.CloseAsync();
    }
}
