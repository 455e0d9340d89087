using System.Net;
using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class ShellTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_signs_in_and_switches_the_shell_between_English_and_French()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);

        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
        await Expect(page.Locator(".mud-drawer")).ToContainTextAsync("Merchants");
        await page.ScreenshotToOutputAsync("shell-en");

        await page.ClickAsync("button[name=culture][value=fr-CA]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Bienvenue");
        await Expect(page.Locator(".mud-drawer")).ToContainTextAsync("Marchands");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.ScreenshotToOutputAsync("shell-fr");

        // Remembered per user: a new browser session signs in in French.
        var second = await browser.NewPageAsync(app.BaseUrl);
        await second.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await Expect(second.Locator("h1")).ToContainTextAsync("Bienvenue");

        await second.ClickAsync("button[name=culture][value=en-CA]");
        await Expect(second.Locator("h1")).ToContainTextAsync("Welcome");
    }

    [Fact]
    public async Task Admin_creates_a_merchant_through_the_dialog()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.GotoAsync("/admin/merchants");
        await page.WaitForBlazorAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New merchant" }).ClickAsync();
        var dialog = page.OpenDialog();
        await dialog.Locator("input[name=Name]").FillAsync("Épicerie Test");
        await dialog.Locator("input[name=Slug]").FillAsync("bad slug");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("short name takes 2 to 40");

        await dialog.Locator("input[name=Slug]").FillAsync("epicerie-test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("[data-testid=merchants-grid]")).ToContainTextAsync("Épicerie Test");
    }

    [Fact]
    public async Task Admin_invites_a_user_with_an_accented_address_who_chooses_their_own_password()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.GotoAsync("/admin/users");
        await page.UseEnglishAsync(); // other tests switch the admin's language; this one reads English
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        var dialog = page.OpenDialog();
        await dialog.Locator("input[name=DisplayName]").FillAsync("Jérôme Côté");
        await page.TickAsync("Support representative");
        await page.TickAsync("Millenium Micro Laval");

        // A wrong address is said on the field.
        await dialog.Locator("input[name=Email]").FillAsync("jérôme.côté");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(dialog.Field("Email")).ToContainTextAsync("The email address is not valid.");

        // An internationalised one is accepted, as it is for requesters.
        var email = $"jérôme.côté.{Guid.NewGuid().ToString("N")[..6]}@exemple.ca";
        await dialog.Locator("input[name=Email]").FillAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // The test's SMTP server does not take internationalised addresses (no SMTPUTF8), so the invitation
        // cannot leave: the admin is given the link instead, readable, with a copy button, once.
        var unsent = page.Locator("[data-testid=unsent-link]");
        await Expect(unsent).ToContainTextAsync(email);
        await Expect(unsent).ToContainTextAsync("could not be sent");
        await Expect(unsent).ToContainTextAsync("You will not see it again");
        await Expect(unsent.GetByRole(AriaRole.Button, new() { Name = "Copy the link" })).ToBeVisibleAsync();
        var link = await unsent.Locator("code.pd-secret").InnerTextAsync();
        Assert.Contains("/account/set-password?user=", link);
        await Expect(page.Locator("[data-testid=users-grid] tr", new() { HasText = email })).ToContainTextAsync("Invitation sent");
        await page.ScreenshotToOutputAsync("user-created");

        // Jérôme opens it, chooses his password, and signs in with it. He was invited in French (the form's
        // default language), and the page speaks it although his browser asks for English.
        var jerome = await browser.NewPageAsync(app.BaseUrl);
        await jerome.GotoAsync(link);
        await Expect(jerome.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choisissez votre mot de passe");
        await jerome.FillAsync("#new", "Jerome-Cote-2026");
        await jerome.FillAsync("#repeat", "Jerome-Cote-2026");
        await jerome.ClickAsync("button[type=submit].pd-submit");
        await Expect(jerome.Locator("[data-testid=password-set]")).ToBeVisibleAsync();
        await jerome.SignInAsync(email, "Jerome-Cote-2026"); // the login form takes an accented address too
        await Expect(jerome.Locator(".mud-appbar")).ToContainTextAsync("Jérôme Côté");
    }

    [Fact]
    public async Task A_rep_of_one_merchant_never_sees_another_merchants_name_or_admin_pages()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("rep@demo.privacydesk.example", app.DemoPassword);

        await Expect(page.Locator("[data-testid=my-merchants]")).ToContainTextAsync("Millenium Micro Laval");
        var html = await page.ContentAsync();
        foreach (var other in DemoMerchants.All.Where(m => m.Slug != "mm-laval"))
            Assert.DoesNotContain(other.Name, html);
        Assert.Equal(0, await page.Locator(".pd-merchant-switcher").CountAsync());
        await Expect(page.Locator(".mud-drawer")).Not.ToContainTextAsync("Users");

        await page.GotoAsync("/admin/merchants");
        await page.WaitForBlazorAsync();
        var denied = await page.ContentAsync();
        Assert.DoesNotContain("Millenium Micro Ottawa", denied);
        Assert.True(page.Url.Contains("/account/denied") || denied.Contains("Access denied") || denied.Contains("Accès refusé"), page.Url);
    }

    [Theory]
    [InlineData("officer@demo.privacydesk.example", "fr-CA")]
    [InlineData("admin@demo.privacydesk.example", "en-CA")]
    public async Task On_a_390_px_phone_the_header_fits_and_its_buttons_stay_reachable(string email, string culture)
    {
        var page = await browser.NewPageAsync(app.BaseUrl, culture);
        await page.SetViewportSizeAsync(390, 844);
        await page.SignInAsync(email, app.DemoPassword);
        await page.GotoAsync("/requests");
        await page.WaitForBlazorAsync();
        await page.ScreenshotToOutputAsync($"header-390-{culture}");
        // Nothing wider than the screen: no sideways scrolling of the page, no header item cut at the right edge.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        var overflowing = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('.mud-appbar button, .mud-appbar a, .mud-appbar .mud-select')]
              .filter(e => e.offsetParent !== null)
              .filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 0.5 || r.left < -0.5; })
              .map(e => e.getAttribute('aria-label') || e.textContent.trim())
            """);
        Assert.Empty(overflowing);
        // Sign-out stays on screen (the account's language decides its name, whatever the browser's).
        await Expect(page.Locator(".mud-appbar").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Sign out|Se déconnecter)$") })).ToBeInViewportAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "manager@demo.privacydesk.example");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit].pd-submit");
        await Expect(page.Locator(".pd-alert[role=alert]")).ToContainTextAsync("incorrect");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("manager@demo.privacydesk.example", app.DemoPassword);
        // Sign out is a plain form post. Once in CI the click fell in the instant the header re-rendered as the
        // circuit connected and was lost (no navigation at all): a person would click again, and so does the test.
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await signOut.ClickAsync();
        try { await page.WaitForURLAsync("**/account/login**", new() { Timeout = 5000 }); }
        catch (TimeoutException) { await signOut.ClickAsync(); await page.WaitForURLAsync("**/account/login**"); }
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/merchants")]
    [InlineData("/account/change-password")]
    [InlineData("/no/such/page")]
    public async Task An_anonymous_request_for_a_page_redirects_to_login(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}
