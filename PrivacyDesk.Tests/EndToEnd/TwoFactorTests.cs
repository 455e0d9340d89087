using System.Security.Claims;
using Microsoft.Playwright;
using PrivacyDesk.Components.Account;
using PrivacyDesk.Hosting;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>TOTP two-factor sign-in: enrolment with an authenticator app, then a code at every sign-in; wrong codes count towards lockout.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class TwoFactorTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Enrol_then_sign_in_needs_the_current_code()
    {
        var email = $"admin2fa-{Guid.NewGuid().ToString("N")[..6]}@example.com";
        const string password = "Two-Factor-Pass-2026";
        var (code, output) = await app.RunCliAsync("create-admin", "--email", email, "--password", password);
        Assert.True(code == 0, output);

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(email, password);
        await page.GotoAsync("/account/two-factor-setup");
        var key = await page.Locator("[data-testid=totp-key]").InnerTextAsync();
        await Expect(page.Locator("img[alt*='QR']")).ToBeVisibleAsync();
        await page.FillAsync("#password", password);
        await page.FillAsync("#code", "000000");
        await page.ClickAsync("button[type=submit].pd-submit");
        await Expect(page.Locator(".pd-alert")).ToBeVisibleAsync(); // a wrong code does not turn it on
        await page.FillAsync("#password", "Not-The-Password-1");
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit].pd-submit");
        await Expect(page.Locator(".pd-alert")).ToBeVisibleAsync(); // nor a session without the password (a stolen cookie)
        await page.FillAsync("#password", password);
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit].pd-submit");
        await page.WaitForSelectorAsync(".mud-appbar");

        // Next sign-in: the password alone is not enough.
        var next = await browser.NewPageAsync(app.BaseUrl);
        await next.GotoAsync("/account/login");
        await next.FillAsync("#email", email);
        await next.FillAsync("#password", password);
        await next.ClickAsync("button[type=submit].pd-submit");
        await next.WaitForURLAsync("**/account/two-factor**");
        await next.FillAsync("#code", "123456" == Totp.Code(key) ? "654321" : "123456");
        await next.ClickAsync("button[type=submit].pd-submit");
        await Expect(next.Locator(".pd-alert")).ToBeVisibleAsync();
        var direct = await next.GotoAsync("/requests"); // still not signed in
        Assert.Contains("/account/login", next.Url);

        await next.GotoAsync("/account/login");
        await next.FillAsync("#email", email);
        await next.FillAsync("#password", password);
        await next.ClickAsync("button[type=submit].pd-submit");
        await next.WaitForURLAsync("**/account/two-factor**");
        // The enrolment spent this step's code; the app accepts the next step's (clocks drift), which is another code.
        await next.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await next.ClickAsync("button[type=submit].pd-submit");
        await next.WaitForSelectorAsync(".mud-appbar");
        await next.GotoAsync("/account/two-factor-setup");
        await Expect(next.Locator("[data-testid=two-factor-on]")).ToBeVisibleAsync();
    }

    [Fact]
    public void Enrolment_is_required_only_when_configured_and_only_for_officers_and_admins()
    {
        ClaimsPrincipal User(string role, bool twoFactor) => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, role), .. twoFactor ? new[] { new Claim(TwoFactor.ClaimType, "totp") } : []], "cookie"));
        var on = new SecurityOptions { RequireTwoFactor = true };
        Assert.True(TwoFactor.MustEnrol(User("PrivacyOfficer", false), on));
        Assert.True(TwoFactor.MustEnrol(User("Admin", false), on));
        Assert.False(TwoFactor.MustEnrol(User("Admin", true), on));
        Assert.False(TwoFactor.MustEnrol(User("SupportRep", false), on));
        Assert.False(TwoFactor.MustEnrol(User("Admin", false), new SecurityOptions()));
    }
}
