using Microsoft.Playwright;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>Hélène Tremblay's data, found by a rep and acted on by an officer under her requests.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class CustomerFlowTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Search_rectify_opt_out_and_erase_with_a_legal_hold()
    {
        // A rep finds her with a partial, accent-free search.
        var rep = await browser.NewPageAsync(app.BaseUrl);
        await rep.SignInAsync("rep@demo.privacydesk.example", app.DemoPassword);
        await rep.GotoAsync("/customers");
        await rep.WaitForBlazorAsync();
        await rep.Locator("input[name=customerSearch]").PressSequentiallyAsync("helene trembl");
        var results = rep.Locator("[data-testid=customer-results]");
        try
        {
            // The demo's Hélène (other tests import namesakes of their own).
            await results.Locator("tr", new() { HasText = "MM-100001" }).GetByRole(AriaRole.Link, new() { Name = "Hélène Tremblay" }).ClickAsync();
        }
        catch
        {
            await rep.ScreenshotToOutputAsync("debug-cust");
            File.WriteAllText(Path.Combine(RepoPaths.TestOutput, "app.log"), app.Log);
            throw;
        }
        await Expect(rep.Locator("[data-testid=customer-name]")).ToHaveTextAsync("Hélène Tremblay");
        await rep.ScreenshotToOutputAsync("customer-page");

        // Staff of another merchant cannot find her.
        var other = await browser.NewPageAsync(app.BaseUrl);
        await other.SignInAsync("dpo@demo.privacydesk.example", app.DemoPassword);
        await other.GotoAsync("/customers");
        await other.WaitForBlazorAsync();
        await other.Locator("input[name=customerSearch]").PressSequentiallyAsync("helene tremblay");
        await other.ScreenshotToOutputAsync("customer-search-other-merchant");
        await Expect(other.Locator("[data-testid=customer-results]")).ToContainTextAsync("Aucun client");
        Assert.DoesNotContain("Tremblay", await other.Locator("[data-testid=customer-results]").InnerTextAsync());

        // Her rectification and erasure requests arrive through the web form.
        var rectification = await app.PostRequestAsync("mm-laval", """
            {"type": "rectification", "language": "fr", "requester": {"name": "Hélène Tremblay", "email": "helene.tremblay@example.com"},
             "message": "J'ai déménagé : 77 rue Principale, Laval H7X 3Y4"}
            """);
        var erasure = await app.PostRequestAsync("mm-laval", """
            {"type": "erasure", "language": "fr", "requester": {"name": "Hélène Tremblay", "email": "helene.tremblay@example.com"}}
            """);

        // The officer links each request to her (the candidate is found from the requester's email).
        var officer = await browser.NewPageAsync(app.BaseUrl);
        await officer.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        foreach (var reference in new[] { rectification, erasure })
        {
            await officer.OpenRequestAsync(reference);
            var link = officer.Locator("[data-testid=customer-link]");
            await link.Locator(".pd-candidate", new() { HasText = "MM-100001" }).GetByRole(AriaRole.Button).ClickAsync();
            await Expect(link.Locator("[data-testid=linked-customer]")).ToBeVisibleAsync();
        }
        await officer.Locator("[data-testid=linked-customer]").ClickAsync();
        await officer.WaitForBlazorAsync();
        await Expect(officer.Locator("[data-testid=customer-name]")).ToHaveTextAsync("Hélène Tremblay");

        // Under the rectification request: the new address replaces the old, which the history keeps.
        var actions = officer.Locator("[data-testid=customer-actions]");
        await actions.ChooseAsync(officer, rectification);
        await actions.GetByRole(AriaRole.Button, new() { Name = "Rectifier" }).ClickAsync();
        await actions.Locator("input[name=newValue]").FillAsync("77 rue Principale, Laval (Québec)");
        await actions.Locator("input[name=newPostalCode]").FillAsync("H7X 3Y4");
        await actions.Locator("[data-testid=rectify-submit]").ClickAsync();
        await Expect(officer.Locator("[data-testid=current-postal]")).ToContainTextAsync("77 rue Principale");
        await officer.GetByRole(AriaRole.Tab, new() { NameRegex = new("Historique des modifications") }).ClickAsync();
        await Expect(officer.Locator("[data-testid=change-history]")).ToContainTextAsync("1234 boul. des Laurentides");
        await Expect(officer.Locator("[data-testid=change-history]")).ToContainTextAsync(rectification);

        // A marketing SMS opt-out shows on the consent timeline.
        await actions.GetByRole(AriaRole.Button, new() { Name = "Consentement / retrait" }).ClickAsync();
        await actions.Locator("[data-testid=consent-submit]").ClickAsync(); // defaults: her own purpose (Prospection), SMS, Withdrawn
        await officer.GetByRole(AriaRole.Tab, new() { NameRegex = new("Consentements") }).ClickAsync();
        await Expect(officer.Locator("[data-testid=consent-timeline] li").First).ToContainTextAsync("Prospection · Texto · Retiré");
        Assert.DoesNotContain("Texto", await officer.Locator("[data-testid=consents-in-force]").InnerTextAsync());
        await officer.GetByRole(AriaRole.Tab, new() { NameRegex = new("Historique des modifications") }).ClickAsync();
        await Expect(officer.Locator("[data-testid=change-history] tr", new() { HasText = "Consentement : Prospection par Texto" })).ToContainTextAsync("Retiré");

        // Under the erasure request: anonymised, invoices kept under the tax-law hold, and the page says so.
        await actions.ChooseAsync(officer, erasure);
        await actions.GetByRole(AriaRole.Button, new() { Name = "Effacer" }).ClickAsync();
        // The confirmation names her and shows what is erased and what a legal hold keeps.
        var confirm = officer.OpenDialog();
        await Expect(confirm.Locator("[data-testid=confirm-message]")).ToContainTextAsync("Hélène Tremblay");
        await Expect(confirm.Locator("[data-testid=erasure-preview]")).ToContainTextAsync("Commandes et transactions");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Effacer", Exact = true }).ClickAsync();
        await Expect(officer.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Anonymisé");
        await Expect(officer.Locator("[data-testid=legal-hold]")).ToContainTextAsync("Commandes et transactions : 4 conservés");
        await Expect(officer.Locator("[data-testid=legal-hold]")).ToContainTextAsync("6 ans");
        await Expect(officer.Locator("[data-testid=erasure-report]")).ToContainTextAsync("Coordonnées : supprimé");
        await officer.ScreenshotToOutputAsync("customer-erased");

        // Her email and her name are gone from search. Other tests import namesakes of their own, so the
        // name search may still list one of those: what must be gone is her account, MM-100001.
        await officer.GotoAsync("/customers");
        await officer.WaitForBlazorAsync();
        var search = officer.Locator("input[name=customerSearch]");
        var found = officer.Locator("[data-testid=customer-results]");
        await search.PressSequentiallyAsync("helene.tremblay@example.com");
        await Expect(found).ToContainTextAsync("Aucun client");
        await search.FillAsync("");
        await search.PressSequentiallyAsync("helene tremblay");
        await Expect(found.Locator("tbody tr", new() { HasText = "Hélène Tremblay" }).Or(found.GetByText("Aucun client")).First).ToBeVisibleAsync();
        await Expect(found.Locator("tbody tr", new() { HasText = "MM-100001" })).ToHaveCountAsync(0);
    }
}
