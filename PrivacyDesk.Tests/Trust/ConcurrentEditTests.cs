using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Two people on one request: the one acting on a stale page is told that someone else changed it,
/// sees what they did (their timeline entries, by whom), and nothing of theirs is overwritten.
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
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
        await alex.UseEnglishAsync();
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

    [Fact]
    public async Task An_incident_edited_by_two_people_shows_the_other_change_field_by_field_and_keeps_mine_on_purpose()
    {
        // Both open the same incident's form.
        var sophie = await browser.NewPageAsync(app.BaseUrl);
        await sophie.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await sophie.GotoAsync("/incidents");
        await sophie.WaitForBlazorAsync();
        var url = await sophie.Locator("[data-testid=incidents] a").First.GetAttributeAsync("href");
        await sophie.GotoAsync("/" + url);
        await sophie.WaitForBlazorAsync();
        await sophie.GetByRole(AriaRole.Button, new() { Name = "Modifier", Exact = true }).ClickAsync();
        var mine = sophie.OpenDialog();
        await mine.Locator("textarea[name=incMeasures]").FillAsync("Mots de passe réinitialisés (Sophie)");

        var other = await browser.NewPageAsync(app.BaseUrl);
        await other.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await other.GotoAsync("/" + url);
        await other.WaitForBlazorAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Modifier", Exact = true }).ClickAsync();
        var theirs = other.OpenDialog();
        var newCause = "Hameçonnage ciblé " + Guid.NewGuid().ToString("N")[..4];
        await theirs.Locator("input[name=incCause]").FillAsync(newCause);
        await theirs.Locator("[data-testid=save-incident]").ClickAsync();
        await Expect(theirs).ToHaveCountAsync(0);

        // Sophie saves second: refused, told what changed (the cause), her text still in the form.
        await mine.Locator("[data-testid=save-incident]").ClickAsync();
        var conflict = mine.Locator("[data-testid=conflict]");
        await Expect(conflict).ToContainTextAsync("Cause");
        await Expect(conflict).ToContainTextAsync(newCause);
        await Expect(mine.Locator("textarea[name=incMeasures]")).ToHaveValueAsync("Mots de passe réinitialisés (Sophie)");
        await sophie.ScreenshotToOutputAsync("incident-conflict");

        // Having seen it, she keeps her version: the cause shown in her form is hers, so her save sets both fields as she sees them.
        await mine.Locator("input[name=incCause]").FillAsync(newCause);
        await conflict.Locator("[data-testid=keep-mine]").ClickAsync();
        await mine.Locator("[data-testid=save-incident]").ClickAsync();
        await Expect(mine).ToHaveCountAsync(0);
        await other.ReloadAsync();
        await Expect(other.Locator("main")).ToContainTextAsync("Mots de passe réinitialisés (Sophie)");
        await Expect(other.Locator("main")).ToContainTextAsync(newCause);
    }

    [Fact]
    public async Task A_customer_rectified_by_two_people_shows_the_other_change_and_keeps_both_in_the_history()
    {
        // A customer of our own, imported with the app's CLI, and a rectification request from her.
        var (account, email) = await app.ImportCustomerAsync("Lucie", "Doublon", "MM-9");
        var reference = await app.PostRequestAsync("mm-laval", $$$"""
            {"type": "rectification", "language": "fr", "requester": {"name": "Lucie Doublon", "email": "{{{email}}}"}}
            """);

        var sophie = await browser.NewPageAsync(app.BaseUrl);
        await sophie.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await sophie.OpenRequestAsync(reference);
        var link = sophie.Locator("[data-testid=customer-link]");
        await link.Locator(".pd-candidate", new() { HasText = account }).GetByRole(AriaRole.Button).ClickAsync();
        await link.Locator("[data-testid=linked-customer]").ClickAsync();
        await sophie.WaitForBlazorAsync();
        var customerUrl = sophie.Url;

        // Two pages on her record; the first corrects the first name.
        var other = await browser.NewPageAsync(app.BaseUrl);
        await other.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await other.GotoAsync(customerUrl);
        await other.WaitForBlazorAsync();
        await Rectify(other, reference, "Prénom", "Lucille");
        await Expect(other.Locator("[data-testid=customer-name]")).ToHaveTextAsync("Lucille Doublon");

        // The second, on the stale page, corrects the last name: refused, shown what changed, her entry kept.
        await Rectify(sophie, reference, "Nom de famille", "Doublon-Martel");
        var message = sophie.Locator("[data-testid=customer-message]");
        await Expect(message).ToContainTextAsync("Quelqu'un d'autre a modifié");
        await Expect(message.Locator("[data-testid=their-changes]")).ToContainTextAsync("Prénom : «Lucie» → «Lucille»");
        await Expect(sophie.Locator("[data-testid=customer-name]")).ToHaveTextAsync("Lucille Doublon");
        await Expect(sophie.Locator("[data-testid=customer-actions] input[name=newValue]")).ToHaveValueAsync("Doublon-Martel");
        await sophie.ScreenshotToOutputAsync("customer-conflict");

        // Applying it again, now on the current version, keeps both corrections.
        await sophie.Locator("[data-testid=rectify-submit]").ClickAsync();
        await Expect(sophie.Locator("[data-testid=customer-name]")).ToHaveTextAsync("Lucille Doublon-Martel");
    }

    private static async Task Rectify(IPage page, string reference, string field, string value)
    {
        var actions = page.Locator("[data-testid=customer-actions]");
        await actions.ChooseAsync(page, reference);
        await actions.GetByRole(AriaRole.Button, new() { Name = "Rectifier" }).ClickAsync();
        await actions.Field("Champ").ChooseAsync(page, field);
        await actions.Locator("input[name=newValue]").FillAsync(value);
        await actions.Locator("[data-testid=rectify-submit]").ClickAsync();
    }
}
