using System.Text;
using Microsoft.Playwright;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>An officer answers Hélène's access request with the PDF response; a manager exports the report.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class DocumentFlowTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task The_access_response_is_refused_before_verification_then_generated_and_downloaded()
    {
        // A customer of our own: the suite's tests run in any order, and another one erases the demo's Hélène.
        var (account, email) = await app.ImportCustomerAsync("Hélène", "Tremblay", "MM-7");
        var reference = await app.PostRequestAsync("mm-laval", $$"""
            {"type": "access", "language": "fr", "requester": {"name": "Hélène Tremblay", "email": "{{email}}"},
             "message": "Je veux savoir tout ce que vous savez sur moi."}
            """);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await page.OpenRequestAsync(reference);

        var link = page.Locator("[data-testid=customer-link]");
        await link.Locator(".pd-candidate", new() { HasText = account }).First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(link.Locator("[data-testid=linked-customer]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=generate-access]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("Vérifiez d'abord l'identité");

        await page.GetByRole(AriaRole.Button, new() { Name = "Consigner la vérification d'identité", Exact = true }).ClickAsync();
        var form = page.Locator("[data-testid=action-form]");
        await form.ChooseAsync(page, "Connexion à son compte");
        await form.Locator("textarea[name=evidence]").FillAsync("Connectée à son compte client");
        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=verification]")).ToContainTextAsync("Vérifiée (Connexion à son compte)");

        // The linked customer is named on the request page.
        await Expect(link.Locator("[data-testid=linked-customer]")).ToHaveTextAsync("Hélène Tremblay");

        // An office note on the request: the review step must decide it before anything is released.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une note", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=action-form] textarea[name=note]").FillAsync("Cliente rappelée, elle confirme sa demande.");
        await page.Locator("[data-testid=action-form] [data-testid=action-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Cliente rappelée");

        // The review step: generation is refused while a flagged text or an office note awaits a decision.
        await page.Locator("[data-testid=generate-access]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("Révisez d'abord");
        var review = page.Locator("[data-testid=review-panel]");
        await review.Locator("summary").ClickAsync();
        await Expect(review.Locator("[data-testid=review-pending]")).ToBeVisibleAsync();
        var items = review.Locator(".pd-review-item");
        var count = await items.CountAsync();
        Assert.True(count > 0);
        for (var i = 0; i < count; i++)
        {
            await items.Nth(i).Locator("[data-testid=review-release]").ClickAsync();
            await Expect(items.Nth(i).Locator("[data-testid=review-decided]")).ToContainTextAsync("Communiqué");
        }
        await Expect(review.Locator("[data-testid=review-pending]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=generate-access]").ClickAsync();
        await Expect(page.Locator("[data-testid=document-done]")).ToBeVisibleAsync();
        var pdfLink = page.Locator("[data-testid=timeline] a", new() { HasText = $"reponse-acces-{reference}.pdf" });
        var download = await page.RunAndWaitForDownloadAsync(() => pdfLink.ClickAsync());
        var path = Path.Combine(app.Directory, "downloaded.pdf");
        await download.SaveAsAsync(path);
        var text = PdfText.Extract(File.ReadAllBytes(path));
        Assert.Contains("Réponse à votre demande d'accès", text);
        Assert.Contains("Hélène Tremblay", text);
        Assert.Contains(account, text);
        Assert.Matches(@"Page 1 de \d+", text);
        await page.ScreenshotToOutputAsync("access-response-filed");
    }

    [Fact]
    public async Task A_manager_reads_the_dashboard_and_exports_the_csv()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("manager@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/reports");
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=kpi]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=report-chart] svg").First).ToBeVisibleAsync();
        var received = int.Parse(await page.Locator("[data-testid=kpi]").First.InnerTextAsync());
        Assert.True(received > 0, "the demo has requests in the last 90 days");
        await page.ScreenshotToOutputAsync("reports-dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());
        var path = Path.Combine(app.Directory, "report.csv");
        await download.SaveAsAsync(path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains($",,,{received},", csv.Split('\n').First(l => l.StartsWith("Summary,Received,") || l.StartsWith("Sommaire,Reçues,")));

        // A manager reads; the request page offers no document generation to them.
        var requests = await page.GotoAsync("/requests");
        await page.WaitForBlazorAsync();
        await page.Locator("[data-testid=queue-grid] a.pd-ref").First.ClickAsync();
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=reference]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=documents-panel]")).ToHaveCountAsync(0);
        // Nor any file: the timeline says a file exists, never links to it, and the download refuses them.
        await Expect(page.Locator("[data-testid=timeline] a[href*='/attachments/']")).ToHaveCountAsync(0);

        // Incidents: the register is theirs to read and export; nothing to create or assess.
        await page.GotoAsync("/incidents");
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=register-csv]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=new-incident]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=incidents] a").First.ClickAsync();
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=clocks]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=assess], [data-testid=send-notices], [data-testid=prepare-cai]")).ToHaveCountAsync(0);
    }
}
