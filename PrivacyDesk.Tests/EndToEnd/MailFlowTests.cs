using System.Text;
using Microsoft.Playwright;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>An officer uploads mail, reads how intake classified it, links the customer it proposed and works the quarantine.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class MailFlowTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Uploaded_mail_becomes_a_classified_request_with_a_customer_candidate_and_junk_waits_in_quarantine()
    {
        // A customer of our own, imported with the app's CLI (other tests erase the demo's Hélène Tremblay).
        var (account, email) = await app.ImportCustomerAsync("Hélène", "Tremblay", "MM-8");

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/mail");
        await page.WaitForBlazorAsync();
        await page.Field("Marchand").ChooseAsync(page, "Millenium Micro Laval");

        var eml = Path.Combine(app.Directory, "desabonnement.eml");
        File.WriteAllText(eml, $"""
            From: =?utf-8?Q?H=C3=A9l=C3=A8ne_Tremblay?= <{email}>
            To: vie.privee@mmlaval.example
            Subject: =?utf-8?Q?D=C3=A9sabonnement?=
            Message-ID: <{Guid.NewGuid():N}@example.com>
            Content-Type: text/plain; charset=utf-8

            Bonjour, je ne veux plus recevoir vos courriels promotionnels. Merci!
            """.ReplaceLineEndings("\r\n"), new UTF8Encoding(false));
        // The file input opens once the merchant is chosen (the choice reaches the server first).
        await Expect(page.Locator("#mail-file")).ToBeEnabledAsync();
        await page.Locator("#mail-file").SetInputFilesAsync(eml);
        var report = page.Locator("[data-testid=upload-report]");
        await Expect(report).ToContainTextAsync("1 nouvelle demande,");

        await page.Locator("ul.pd-small a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=classification]")).ToContainTextAsync("Retrait");
        await Expect(page.Locator("[data-testid=evidence]")).ToContainTextAsync("ne veux plus recevoir");
        await Expect(page.Locator("[data-testid=mail-text]")).ToContainTextAsync("courriels promotionnels");
        var candidate = page.Locator("[data-testid=intake-candidate]", new() { HasText = account });
        await Expect(candidate).ToContainTextAsync("même adresse courriel");
        await candidate.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("[data-testid=linked-customer]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync($"Courriel reçu de {email}");
        await page.ScreenshotToOutputAsync("mail-request");

        // The officer corrects the language intake chose; the correction is on the record.
        await page.Locator("[data-testid=correct-classification]").ClickAsync();
        await page.Locator("[data-testid=mail-panel] .mud-select .mud-input-slot").First.ClickAsync(); // the types list opens (and closes) without breaking the page
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=mail-panel]").GetByText("Anglais", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=save-classification]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Classement corrigé");

        // A message without a sender waits in quarantine with its reason; the officer dismisses it.
        var junk = Path.Combine(app.Directory, "junk.eml");
        File.WriteAllText(junk, $"Subject: sans expéditeur {Guid.NewGuid():N}\r\n\r\nbonjour\r\n", new UTF8Encoding(false));
        await page.GotoAsync("/mail");
        await page.WaitForBlazorAsync();
        await page.Field("Marchand").ChooseAsync(page, "Millenium Micro Laval");
        await Expect(page.Locator("#mail-file")).ToBeEnabledAsync();
        await page.Locator("#mail-file").SetInputFilesAsync(junk);
        await Expect(page.Locator("[data-testid=upload-report]")).ToContainTextAsync("1 en quarantaine");
        var row = page.Locator("[data-testid=quarantined]", new() { HasText = "sans expéditeur" });
        // The reason in the officer's language (stored as a code).
        await Expect(row).ToContainTextAsync("Aucune adresse d'expéditeur");
        await page.ScreenshotToOutputAsync("mail-quarantine");
        await row.GetByRole(AriaRole.Button, new() { Name = "Écarter" }).ClickAsync();
        await page.Locator("textarea[name=dismissReason]").FillAsync("Pourriel");
        await page.OpenDialog().GetByRole(AriaRole.Button, new() { Name = "Écarter", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_demo_mailbox_was_read_and_health_reports_it_without_names()
    {
        // Outsiders get the verdict only; the details are for a signed-in administrator.
        using var anonymous = new HttpClient();
        Assert.Equal("{\"status\":\"Healthy\"}", await anonymous.GetStringAsync(app.BaseUrl + "/health"));
        using var admin = await StaffHttp.SignInAsync(app.BaseUrl, "admin@demo.privacydesk.example", app.DemoPassword);
        var json = System.Text.Json.JsonDocument.Parse(await admin.Client.GetStringAsync("/health")).RootElement;
        var mail = json.GetProperty("checks").GetProperty("mail");
        Assert.Equal("Healthy", mail.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.TryParse(mail.GetProperty("data").GetProperty("mailbox1:lastSuccess").GetString(), out _));
        Assert.DoesNotContain("demo-inbox", json.ToString());
        Assert.Equal("Healthy", json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_support_rep_can_upload_but_not_see_the_quarantine_or_mailboxes()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("rep@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/mail");
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("#mail-file")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=quarantine], [data-testid=quarantine-empty]")).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/admin/mailboxes");
        Assert.DoesNotContain("/admin/mailboxes", page.Url);
    }
}
