using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Two people on one request: the one acting on a stale page is told that someone else changed it,
/// sees what they did (their timeline entries, by whom), and nothing of theirs is overwritten.
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class ConcurrentEditTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task The_second_to_act_sees_what_the_first_did_and_overwrites_nothing()
    {
        var reference = await app.PostRequestAsync("mm-laval", """
            {"type": "erasure", "language": "fr", "requester": {"name": "Paul Deuxfois", "email": "paul.deuxfois@example.com"}}
            """);
        var sophie = await browser.NewPageAsync(app.BaseUrl);
        await sophie.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await sophie.OpenRequestAsync(reference);

        var alex = await browser.NewPageAsync(app.BaseUrl);
        await alex.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await alex.Locator("button[name=culture][value=en-CA]").ClickAsync();
        await Expect(alex.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await alex.OpenRequestAsync(reference);
        await alex.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Expect(alex.Locator("[data-testid=timeline]")).ToContainTextAsync("Acknowledged");

        // Sophie's page still shows the request as new; her acknowledgement is refused and she sees Alex's.
        await sophie.GetByRole(AriaRole.Button, new() { Name = "Accuser réception", Exact = true }).ClickAsync();
        var conflict = sophie.Locator("[data-testid=conflict]");
        await Expect(conflict).ToContainTextAsync("Quelqu'un d'autre a modifié cette demande");
        var theirs = conflict.Locator("[data-testid=their-changes]");
        await Expect(theirs).ToContainTextAsync("Réception confirmée");
        await Expect(theirs).ToContainTextAsync("Alex Admin");
        await sophie.ScreenshotToOutputAsync("request-conflict");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Charger sa version" }).ClickAsync();
        await Expect(conflict).ToHaveCountAsync(0);
        // One acknowledgement on the timeline, Alex's: nothing was done twice or overwritten.
        await Expect(sophie.Locator("[data-testid=timeline] li[data-kind=StatusChanged]", new() { HasText = "Réception confirmée" })).ToHaveCountAsync(1);
        await Expect(sophie.Locator("[data-testid=timeline] li", new() { HasText = "Réception confirmée" })).ToContainTextAsync("Alex Admin");
        await Expect(sophie.GetByRole(AriaRole.Button, new() { Name = "Accuser réception", Exact = true })).ToHaveCountAsync(0);
    }
}
