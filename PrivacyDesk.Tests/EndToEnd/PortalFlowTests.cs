using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>
/// The requester's side in Chromium: the officer sends the portal link, the person opens it from the
/// email, confirms the address with the emailed code, reads where the request stands and writes; the
/// officer sees it. The mail goes through the real SMTP server.
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class PortalFlowTests(AppServer app, BrowserFixture browser)
{
    /// <summary>The latest message to an address containing a text, among those delivered after the first <paramref name="after"/>.</summary>
    private async Task<MimeKit.MimeMessage> DeliveredAsync(string to, string containing, int after = 0)
    {
        for (var i = 0; i < 60; i++)
        {
            var found = app.Smtp.Messages().Skip(after).Select(b => MailParsing.Parse(b).Message!)
                .LastOrDefault(m => m.To.Mailboxes.Any(a => a.Address == to) && m.TextBody?.Contains(containing) == true);
            if (found is not null) return found;
            await Task.Delay(500);
        }
        throw new TimeoutException($"No message to {to} containing '{containing}'.");
    }

    [Fact]
    public async Task The_officer_sends_the_link_and_the_requester_confirms_by_code_reads_the_status_and_writes()
    {
        var email = $"portail.{Guid.NewGuid():N}"[..20] + "@example.com";
        var reference = await app.PostRequestAsync("mm-laval", $$"""
            {"type": "access", "language": "fr", "requester": {"name": "Josée Lavoie", "email": "{{email}}"}, "message": "Je veux une copie de mes données."}
            """);

        var officer = await browser.NewPageAsync(app.BaseUrl);
        await officer.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await officer.OpenRequestAsync(reference);
        await officer.Locator("[data-testid=portal-send-link]").ClickAsync();
        await Expect(officer.Locator("[data-testid=portal-state]")).ToContainTextAsync(email);

        // The web form already asked her to confirm her address (the merchant's default); the officer's link replaces that one.
        await DeliveredAsync(email, "Pour confirmer qu’elle vient de vous");
        var mail = await DeliveredAsync(email, "Vous pouvez suivre votre demande");
        Assert.Contains(reference, mail.Subject);
        var link = Regex.Match(mail.TextBody!, @"https?://\S+/portal/[A-Za-z0-9_-]{43}").Value;

        // Josée opens it in a browser that speaks English: the page speaks her request's language.
        var requester = await browser.NewPageAsync(app.BaseUrl, "en-CA");
        await requester.GotoAsync(link);
        await Expect(requester.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Votre demande {reference}");
        await requester.Locator("[data-testid=send-code]").ClickAsync();
        var code = Regex.Match((await DeliveredAsync(email, "Votre code")).TextBody!, @"\b\d{6}\b").Value;
        await requester.FillAsync("#code", code);
        await requester.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
        await Expect(requester.Locator("[data-testid=portal-status]")).ToContainTextAsync("nous l’examinons");
        await Expect(requester.Locator("[data-testid=portal-summary]")).ToContainTextAsync("accès à vos renseignements personnels");
        await requester.ScreenshotToOutputAsync("portal-requester");

        var axe = await requester.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        await requester.FillAsync("#message", "Merci. Mon ancienne adresse était au 12 rue des Érables.");
        await requester.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(requester.Locator("[data-testid=portal-notice]")).ToContainTextAsync("Votre message a été envoyé");
        await Expect(requester.Locator("[data-testid=portal-messages]")).ToContainTextAsync("rue des Érables");

        // The officer sees the confirmed address and the message on the timeline.
        await officer.ReloadAsync();
        await officer.WaitForBlazorAsync();
        await Expect(officer.Locator("[data-testid=portal-confirmed]")).ToContainTextAsync(email);
        await Expect(officer.Locator("[data-testid=timeline]")).ToContainTextAsync("rue des Érables");
        await officer.ScreenshotToOutputAsync("portal-officer");

        // The printable acknowledgement can carry a link of its own, in the request's language (it replaces the emailed one).
        var id = Regex.Match(officer.Url, @"/requests/(\d+)").Groups[1].Value;
        await officer.GotoAsync($"/requests/{id}/confirmation");
        await officer.WaitForBlazorAsync();
        await officer.Locator("[data-testid=letter-portal-link]").ClickAsync();
        var printed = officer.Locator("[data-testid=confirmation-portal]");
        await Expect(printed).ToContainTextAsync("nous envoyons un code à votre adresse courriel");
        var letterLink = Regex.Match(await printed.InnerTextAsync(), @"https?://\S+/portal/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEqual(link, letterLink);
        await requester.GotoAsync(link);
        await Expect(requester.Locator("[data-testid=portal-invalid]")).ToBeVisibleAsync();
    }

    /// <summary>What the requester reads, in the request's language.</summary>
    public sealed record Words(string Language, string Browser, string Name, string ConfirmMail, string Title, string Reviewing, string Code, string Confirm,
        string FilePrefix, string ReadyMail, string PdfTitle, string OtherLanguagesTitle, string Message);

    private static Words For(string language) => language == "fr"
        ? new("fr", "en-CA", "Gisèle Côté", "Pour confirmer qu’elle vient de vous", "Votre demande", "nous l’examinons", "Votre code", "Confirmer",
            "reponse-acces", "La réponse à votre demande", "Réponse à votre demande d'accès", "Response to your access request",
            "Veuillez m’envoyer une copie de tous les renseignements personnels que vous détenez sur moi.")
        : new("en", "fr-CA", "Margaret O'Neill", "To confirm that it is yours", "Your request", "we are reviewing it", "Your code", "Confirm",
            "access-response", "The response to your privacy request", "Response to your access request", "Réponse à votre demande d'accès",
            "Please send me a copy of all the personal information you hold about me.");

    /// <summary>
    /// The whole path in each language, from the web form to the downloaded response: the form's confirmation email,
    /// the code, the officer's work (customer, identity, review, generation, release), the "ready" email,
    /// the two downloads, and each step on the timeline and in the audit chain.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task From_a_web_form_request_to_a_downloaded_response(string language)
    {
        var w = For(language);
        var (first, last) = (w.Name.Split(' ')[0], w.Name.Split(' ')[1]);
        var (account, email) = await app.ImportCustomerAsync(first, last, "MM-8", w.Language);
        var reference = await app.PostRequestAsync("mm-laval", $$"""
            {"type": "access", "language": "{{w.Language}}", "requester": {"name": "{{w.Name}}", "email": "{{email}}"}, "message": "{{w.Message}}"}
            """);

        // The form's request waits for her: the email asks her to confirm that it came from her.
        var confirmMail = await DeliveredAsync(email, w.ConfirmMail);
        Assert.Contains(reference, confirmMail.Subject);
        var link = Regex.Match(confirmMail.TextBody!, @"https?://\S+/portal/[A-Za-z0-9_-]{43}").Value;
        // Her browser speaks the other language: the portal speaks her request's.
        var requester = await browser.NewPageAsync(app.BaseUrl, w.Browser);
        await requester.GotoAsync(link);
        await Expect(requester.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{w.Title} {reference}");
        await ConfirmByCodeAsync(requester, email, w);
        await Expect(requester.Locator("[data-testid=portal-status]")).ToContainTextAsync(w.Reviewing);
        await Expect(requester.Locator("[data-testid=portal-files]")).ToHaveCountAsync(0);

        // The officer answers it, in whatever language the shared demo officer speaks today.
        var officer = await browser.NewPageAsync(app.BaseUrl);
        await officer.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        var fr = await officer.Locator("html").GetAttributeAsync("lang") == "fr";
        await officer.OpenRequestAsync(reference);
        await Expect(officer.Locator("[data-testid=portal-confirmed]")).ToContainTextAsync(email);
        var customer = officer.Locator("[data-testid=customer-link]");
        await customer.Locator(".pd-candidate", new() { HasText = account }).First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(customer.Locator("[data-testid=linked-customer]")).ToHaveTextAsync(w.Name);
        await officer.GetByRole(AriaRole.Button, new() { Name = fr ? "Consigner la vérification d'identité" : "Record identity verification", Exact = true }).ClickAsync();
        var form = officer.Locator("[data-testid=action-form]");
        await form.ChooseAsync(officer, fr ? "Connexion à son compte" : "Signed in to their account");
        await form.Locator("textarea[name=evidence]").FillAsync("Signed in to her account while on the phone with us");
        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(officer.Locator("[data-testid=verification]")).ToContainTextAsync(fr ? "Vérifiée" : "Verified");

        // Review whatever awaits a decision (there may be nothing for a new customer), then generate.
        var review = officer.Locator("[data-testid=review-panel]");
        await review.Locator("summary").ClickAsync();
        var items = review.Locator(".pd-review-item");
        for (var i = 0; i < await items.CountAsync(); i++)
            if (await items.Nth(i).Locator("[data-testid=review-release]").CountAsync() > 0)
                await items.Nth(i).Locator("[data-testid=review-release]").ClickAsync();
        await Expect(review.Locator("[data-testid=review-pending]")).ToHaveCountAsync(0);
        await officer.Locator("[data-testid=generate-access]").ClickAsync();
        await Expect(officer.Locator("[data-testid=document-done]")).ToBeVisibleAsync();

        // Release: a confirmation naming the files and the address, then the "ready" email with a fresh link.
        var portal = officer.Locator("[data-testid=portal-panel]");
        await portal.Locator("[data-testid=portal-release]").First.ClickAsync();
        var confirm = officer.OpenDialog();
        await Expect(confirm.Locator("[data-testid=confirm-message]")).ToContainTextAsync($"{w.FilePrefix}-{reference}.pdf");
        await Expect(confirm.Locator("[data-testid=confirm-message]")).ToContainTextAsync(email);
        await confirm.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Expect(portal.Locator("[data-testid=portal-released]")).ToContainTextAsync($"{w.FilePrefix}-{reference}.zip");
        await Expect(portal.Locator("[data-testid=portal-response-sent]")).ToBeVisibleAsync();

        var ready = await DeliveredAsync(email, w.ReadyMail);
        Assert.Contains(reference, ready.Subject);
        Assert.Empty(ready.Attachments);
        Assert.DoesNotContain(account, ready.TextBody); // the name only: nothing of the response in the email
        var readyLink = Regex.Match(ready.TextBody!, @"https?://\S+/portal/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEqual(link, readyLink);

        // She opens the new link; nothing is shown before the address is confirmed again on it.
        await requester.GotoAsync(readyLink);
        await Expect(requester.Locator("[data-testid=portal-files]")).ToHaveCountAsync(0);
        await ConfirmByCodeAsync(requester, email, w);
        var files = requester.Locator("[data-testid=portal-files] a");
        await Expect(files).ToHaveCountAsync(2);
        await requester.ScreenshotToOutputAsync($"portal-response-ready-{w.Language}");

        var pdf = await SaveDownloadAsync(requester, files.Filter(new() { HasText = ".pdf" }), $"portal-{reference}.pdf");
        var text = PdfText.Extract(File.ReadAllBytes(pdf));
        Assert.Contains(w.PdfTitle, text);
        Assert.Contains(w.Name, text);
        Assert.Contains(account, text);
        Assert.DoesNotContain(w.OtherLanguagesTitle, text);
        var zip = await SaveDownloadAsync(requester, files.Filter(new() { HasText = ".zip" }), $"portal-{reference}.zip");
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zip))
        {
            Assert.NotEmpty(archive.Entries);
            var everything = string.Join("\n", archive.Entries.Select(e => { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); }));
            Assert.Contains(account, everything);
        }

        // The officer sees both downloads; the timeline names each file; the audit chain holds them and verifies.
        await officer.ReloadAsync();
        await officer.WaitForBlazorAsync();
        await Expect(officer.Locator("[data-testid=portal-downloads]")).ToContainTextAsync(fr ? "Téléchargé 2 fois" : "Downloaded 2 times");
        var timeline = officer.Locator("[data-testid=timeline]");
        await Expect(timeline).ToContainTextAsync(fr ? $"Téléchargé par le demandeur : {w.FilePrefix}-{reference}.pdf" : $"Downloaded by the requester: {w.FilePrefix}-{reference}.pdf");
        await Expect(timeline).ToContainTextAsync($"{w.FilePrefix}-{reference}.zip");
        await officer.ScreenshotToOutputAsync($"portal-released-officer-{w.Language}");

        Assert.Equal(2, AuditCount(reference, "portal.downloaded"));
        Assert.Equal(1, AuditCount(reference, "portal.response-released"));
        var (exit, output) = await app.RunCliAsync("verify-audit");
        Assert.True(exit == 0, output);
    }

    private async Task ConfirmByCodeAsync(IPage page, string email, Words w)
    {
        // Only a code sent after this click: an earlier link's code is in the same mailbox and no longer works.
        var before = app.Smtp.Messages().Count;
        await page.Locator("[data-testid=send-code]").ClickAsync();
        var code = Regex.Match((await DeliveredAsync(email, w.Code, before)).TextBody!, @"\b\d{6}\b").Value;
        await page.FillAsync("#code", code);
        await page.GetByRole(AriaRole.Button, new() { Name = w.Confirm, Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=portal-summary]")).ToBeVisibleAsync();
    }

    private async Task<string> SaveDownloadAsync(IPage page, ILocator link, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(app.Directory, name);
        await download.SaveAsAsync(path);
        return path;
    }

    /// <summary>Audit entries of one action for one request, read straight from the app's SQLite file.</summary>
    private long AuditCount(string reference, string action)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = $action AND Details LIKE $reference";
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$reference", $"%{reference}%");
        return (long)command.ExecuteScalar()!;
    }
}
