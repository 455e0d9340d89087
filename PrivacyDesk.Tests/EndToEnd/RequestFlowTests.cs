using Microsoft.Playwright;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>A request from a phone call to its close, as a rep and an officer do it, in French.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class RequestFlowTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task A_rep_logs_a_call_and_an_officer_takes_it_to_a_documented_close()
    {
        // The rep (French UI) logs a phone call.
        var rep = await browser.NewPageAsync(app.BaseUrl);
        await rep.SignInAsync("rep@demo.privacydesk.example", app.DemoPassword);
        await rep.GotoAsync("/requests/new");
        await rep.WaitForBlazorAsync();
        await rep.TickAsync("Accès");
        await rep.Locator("[data-testid=log-form]").Field("Loi").ChooseAsync(rep, "LPRPDE");
        await rep.FillAsync("textarea[name=message]", "Le client veut savoir quels renseignements nous détenons sur lui.");
        await rep.FillAsync("input[name=name]", "Gérard Lemieux");
        await rep.FillAsync("input[name=email]", "gerard.lemieux@example.com");
        await rep.FillAsync("input[name=phone]", "450-555-0148");
        await rep.ClickAsync("button[type=submit]:has-text('Consigner la demande')");
        await Expect(rep.Locator("[data-testid=logged]")).ToBeVisibleAsync();
        var reference = (await rep.Locator("[data-testid=reference]").InnerTextAsync()).Trim();
        Assert.Matches(@"^PD-\d{4}-\d{6}$", reference);
        await rep.ScreenshotToOutputAsync("request-logged");

        // ... and attaches the letter the caller said they would also send.
        await Act(rep, "Ajouter une note", async form =>
        {
            await form.Locator("textarea[name=note]").FillAsync("La personne enverra aussi une lettre.");
            await form.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "lettre.txt", MimeType = "text/plain", Buffer = "Madame, Monsieur"u8.ToArray() });
            await Expect(form).ToContainTextAsync("lettre.txt");
        });
        await Expect(rep.Locator("[data-testid=timeline]")).ToContainTextAsync("📎 lettre.txt");

        // The officer finds it in the queue.
        var officer = await browser.NewPageAsync(app.BaseUrl);
        await officer.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await officer.GotoAsync("/requests");
        await officer.WaitForBlazorAsync();
        // The search runs as one types (no Enter), and stays in the address bar.
        await officer.FillAsync("input[name=search]", reference);
        var grid = officer.Locator("[data-testid=queue-grid]");
        await Expect(grid.Locator("a.pd-ref")).ToHaveCountAsync(1);
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]search=" + reference));
        await Expect(grid).ToContainTextAsync("Gérard Lemieux");
        await officer.ScreenshotToOutputAsync("queue-search");
        await grid.Locator("a.pd-ref", new() { HasText = reference }).ClickAsync();
        await Expect(officer.Locator("[data-testid=reference]")).ToHaveTextAsync(reference);
        await officer.WaitForBlazorAsync();

        // Verifies identity: the method recorded is the one chosen (none is preselected).
        await Act(officer, "Consigner la vérification d'identité", async form =>
        {
            await form.ChooseAsync(officer, "Rappel au numéro au dossier");
            await form.Locator("textarea[name=evidence]").FillAsync("Rappel au 450-555-0148, date de naissance confirmée");
        });
        await Expect(officer.Locator("[data-testid=verification]")).ToContainTextAsync("Vérifiée (Rappel au numéro au dossier)");
        // Acknowledging is still possible once identity is verified (the request is in progress).
        await Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Accuser réception", Exact = true })).ToBeVisibleAsync();

        // Replies from the French acknowledgement template.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Répondre", Exact = true }).ClickAsync();
        var reply = officer.Locator("[data-testid=reply-form]");
        await reply.ChooseAsync(officer, "Accusé de réception");
        await Expect(reply.Locator("input[name=replySubject]")).ToHaveValueAsync($"Nous avons reçu votre demande [{reference}]");
        await Expect(reply.Locator("textarea[name=replyBody]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Madame, Monsieur,"));
        await reply.Locator("[data-testid=reply-send]").ClickAsync();
        await Expect(officer.Locator("[data-testid=timeline]")).ToContainTextAsync("Nous avons reçu votre demande");
        // Sending the acknowledgement template is the acknowledgement: it is marked done, and no longer offered.
        await Expect(officer.Locator("[data-testid=timeline] li[data-kind=Acknowledged]")).ToHaveCountAsync(1);
        await Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Accuser réception", Exact = true })).ToHaveCountAsync(0);

        // Extends it with a reason (PIPEDA allows 30 more days).
        await Act(officer, "Prolonger le délai", async form =>
            await form.Locator("textarea[name=extendReason]").FillAsync("Consultation nécessaire auprès de notre fournisseur de paiement"));
        await Expect(officer.Locator("[data-testid=extended-due]")).ToBeVisibleAsync();

        // Decides with the reason the requester will read, and closes.
        await Act(officer, "Décider", async form =>
            await form.Locator("textarea[name=decisionReason]").FillAsync("Copie de vos renseignements envoyée par la poste le jour même."));
        await Expect(officer.Locator("[data-testid=outcome]")).ToContainTextAsync("Copie de vos renseignements envoyée");
        // The copy went by post, outside the app: closing says so (the app asks, since no response was released or posted here).
        await Act(officer, "Fermer", async form =>
        {
            await Expect(form).ToContainTextAsync("La réponse n’a jamais été remise ni envoyée");
            await form.Locator("textarea[name=closeReason]").FillAsync("Copie postée le jour même par lettre recommandée, hors de l’application.");
        });
        // Closing is confirmed, naming the person and the request.
        var confirm = officer.OpenDialog();
        await Expect(confirm.Locator("[data-testid=confirm-message]")).ToContainTextAsync("Gérard Lemieux");
        await confirm.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Expect(officer.Locator(".pd-status").First).ToHaveTextAsync("Fermée");

        // The timeline shows every step.
        var timeline = officer.Locator("[data-testid=timeline]");
        foreach (var step in new[] { "Demande reçue", "Identité vérifiée", "Réponse « Nous avons reçu", "Délai prolongé", "Décision : Acceptée", "Copie postée le jour même", "État : Décidée → Fermée" })
            await Expect(timeline).ToContainTextAsync(step);
        await officer.ScreenshotToOutputAsync("request-closed");
    }

    [Fact]
    public async Task An_illegal_action_shows_a_message_and_quebec_requests_offer_no_extension()
    {
        var officer = await browser.NewPageAsync(app.BaseUrl);
        await officer.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await officer.GotoAsync("/requests");
        await officer.WaitForBlazorAsync();
        // A new Quebec request: extension is not offered, and deciding an access request before verification is refused.
        // The law is a rarely used filter: under "More filters". Laws show by their short name, not a code.
        var filters = officer.Locator("[data-testid=queue-filters]");
        await filters.Locator("[data-testid=more-filters]").ClickAsync();
        await filters.Field("Loi").ChooseAsync(officer, "Québec (Loi 25)");
        await filters.Field("Type").ChooseAsync(officer, "Accès");
        await filters.Field("État").ChooseAsync(officer, "Nouvelle");
        // Wait for the filtered page (the unfiltered first page is on screen before it).
        var grid = officer.Locator("[data-testid=queue-grid]");
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=new"));
        await Expect(grid.Locator(".pd-status", new() { HasNotText = "Nouvelle" })).ToHaveCountAsync(0);
        var first = grid.Locator("tr", new() { HasText = "Québec (Loi 25)" }).Filter(new() { HasText = "Accès" }).First.Locator("a.pd-ref");
        await first.ClickAsync();
        await officer.WaitForBlazorAsync();
        await Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Prolonger le délai" })).ToHaveCountAsync(0);
        await Act(officer, "Décider", async form =>
            await form.Locator("textarea[name=decisionReason]").FillAsync("Voici vos données"));
        await Expect(officer.Locator("[data-testid=action-error]")).ToContainTextAsync("Vérifiez l'identité");
    }

    private static async Task Act(IPage page, string button, Func<ILocator, Task> fill)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var form = page.Locator("[data-testid=action-form]");
        await fill(form);
        // What follows each call checks the outcome (or the error) on the page.
        await form.Locator("[data-testid=action-submit]").ClickAsync();
    }
}
