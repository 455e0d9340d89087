using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PrivacyDesk.Features.Intake;
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
    private async Task<MimeKit.MimeMessage> DeliveredAsync(string to, string containing)
    {
        for (var i = 0; i < 60; i++)
        {
            var found = app.Smtp.Messages().Select(b => MailParsing.Parse(b).Message!)
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
}
