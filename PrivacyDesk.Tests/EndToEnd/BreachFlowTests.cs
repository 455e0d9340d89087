using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>An officer takes an incident from creation to notices, and finds it in the register.</summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class BreachFlowTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Incident_from_creation_to_CAI_notice_notices_by_SMTP_and_register()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/incidents");
        await page.WaitForBlazorAsync();
        await page.Locator("[data-testid=new-incident]").ClickAsync();
        var dialog = page.OpenDialog();
        try { await dialog.Locator(".mud-input-control").First.WaitForAsync(); }
        catch { await page.ScreenshotToOutputAsync("debug-incident"); File.WriteAllText(Path.Combine(RepoPaths.TestOutput, "app.log"), app.Log); throw; }
        await dialog.Field("Marchand").ChooseAsync(page, "Millenium Micro Laval");
        var title = $"Fuite de la liste d'envoi {Guid.NewGuid().ToString("N")[..6]}";
        await dialog.Locator("input[name=incTitle]").FillAsync(title);
        await dialog.Locator("textarea[name=incDescription]").FillAsync("La liste d'envoi de l'infolettre a été exposée par un lien public.");
        await dialog.Locator("input[name=incCause]").FillAsync("Erreur de configuration du partage");
        await dialog.Locator("textarea[name=incInformation]").FillAsync("Noms, courriels et codes postaux");
        await dialog.Locator("textarea[name=incMeasures]").FillAsync("Lien désactivé; journaux d'accès examinés");
        await dialog.Locator("textarea[name=incAdvice]").FillAsync("Méfiez-vous des courriels frauduleux");
        // The same facts in English, for the customers who read English (their notices are refused without them).
        foreach (var (field, english) in new[]
                 {
                     ("trTitle", "Newsletter list exposed"), ("trDescription", "The newsletter mailing list was exposed through a public link."),
                     ("trCause", "Sharing misconfiguration"), ("trInformationInvolved", "Names, emails and postal codes"),
                     ("trMeasuresTaken", "Link disabled; access logs reviewed"), ("trAdviceToPersons", "Beware of fraudulent emails"),
                 })
            await dialog.Locator($"textarea[name={field}]").FillAsync(english);
        await dialog.Locator("[data-testid=save-incident]").ClickAsync();
        await Expect(page.Locator("[data-testid=incident-reference]")).ToHaveTextAsync(new Regex(@"BR-\d{4}-\d{4}"));
        await page.WaitForBlazorAsync();
        var reference = await page.Locator("[data-testid=incident-reference]").InnerTextAsync();

        // People concerned: customers of Quebec, by query.
        var affected = page.Locator("[data-testid=affected]");
        await affected.Locator("input[name=queryRegions]").FillAsync("QC");
        await affected.Locator("[data-testid=add-by-query]").ClickAsync();
        // A mass addition is confirmed with its count and whom it adds.
        await Expect(page.OpenDialog().Locator("[data-testid=match-preview]")).ToContainTextAsync("Québec");
        await page.OpenDialog().Locator("[data-testid=confirm-ok]").ClickAsync();
        await Expect(affected.Locator("[data-testid=affected-result]")).ToContainTextAsync("clients ajoutés");
        var residents = int.Parse(Regex.Match(await affected.Locator("[data-testid=affected-counts]").InnerTextAsync(), @"Résidents du Québec : (\d+)").Groups[1].Value);
        Assert.True(residents > 0);

        // Risk for Quebec and for the GDPR.
        var risk = page.Locator("[data-testid=risk]");
        foreach (var regime in new[] { "Québec (P-39.1)", "RGPD (CNIL)" })
        {
            await risk.Field("Régime").ChooseAsync(page, regime);
            await risk.Field("Sensibilité").ChooseAsync(page, "élevée");
            await risk.Locator("textarea[name=riskReasoning]").FillAsync("Courriels et codes postaux exposés publiquement : hameçonnage probable");
            await risk.Locator("[data-testid=assess]").ClickAsync();
            await Expect(risk.Locator("[data-testid=assessment]", new() { HasText = regime })).ToBeVisibleAsync();
        }
        await Expect(risk).ToContainTextAsync("Risque de préjudice sérieux");
        await Expect(risk).ToContainTextAsync("Risque élevé");

        // The CAI notice, pre-filled, exported as PDF.
        await page.Locator("[data-testid=prepare-cai]").ClickAsync();
        await page.Locator("[data-testid=export-filing]").ClickAsync();
        var link = page.Locator("[data-testid=incident-timeline] a", new() { HasText = $"cai-{reference}.pdf" });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var pdfPath = Path.Combine(app.Directory, "cai.pdf");
        await download.SaveAsAsync(pdfPath);
        var text = Regex.Replace(PdfText.Extract(File.ReadAllBytes(pdfPath)), @"\s+", " ");
        foreach (var required in new[]
                 {
                     "Avis d'incident de confidentialité", "Informatique Laval-Nord inc.", "1170000012", "Personne-ressource", "Renseignements personnels visés",
                     "Noms, courriels et codes postaux", "Circonstances et cause", "Erreur de configuration du partage", "Date ou période de l'incident",
                     "Date de la prise de connaissance", "Nombre de personnes concernées", "Nombre de personnes résidant au Québec", $"{residents}",
                     "Pourquoi il existe un risque de préjudice sérieux", "hameçonnage probable", "Mesures prises et prévues à la suite de l'incident", "Lien désactivé", "Autres autorités avisées",
                     "Mesures prises ou prévues pour aviser les personnes", reference,
                 })
            Assert.Contains(required, text);

        // Notices to the persons: a preview of the text and a confirmation naming the count first; then they reach the SMTP server.
        await Expect(page.Locator("[data-testid=notices-missing]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=send-notices]").ClickAsync();
        var confirm = page.OpenDialog();
        await Expect(confirm.Locator("[data-testid=confirm-message]")).ToContainTextAsync(residents == 1 ? "Envoyer l’avis à 1 personne" : $"Envoyer les avis à {residents} personnes");
        await Expect(confirm.Locator("[data-testid=notice-preview]")).ToContainTextAsync(new Regex("Noms, courriels et codes postaux|Names, emails and postal codes"));
        await page.ScreenshotToOutputAsync("incident-notices-confirm");
        await confirm.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Expect(page.Locator("[data-testid=incident-message]")).ToContainTextAsync("avis préparés");
        List<MimeKit.MimeMessage> delivered = [];
        for (var i = 0; i < 60 && delivered.Count == 0; i++)
        {
            await Task.Delay(500);
            delivered = app.Smtp.Messages().Select(b => MailParsing.Parse(b).Message!).Where(m => m.Subject?.Contains(reference) == true).ToList();
        }
        Assert.NotEmpty(delivered);
        // Each notice entirely in its reader's language: the French facts to French readers, the English ones to English readers.
        foreach (var m in delivered)
            Assert.Contains(m.TextBody!.StartsWith("Dear", StringComparison.Ordinal) ? "Names, emails and postal codes" : "Noms, courriels et codes postaux", m.TextBody);
        await page.ScreenshotToOutputAsync("incident-page");

        // The register (a manager's export too) lists it.
        await page.GotoAsync("/incidents");
        await page.WaitForBlazorAsync();
        // One enterprise per register: choose Millenium Micro Laval's (the demo officer works for several merchants).
        await page.Field("Registre de").ChooseAsync(page, "Millenium Micro Laval");
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=register-csv]").ClickAsync());
        var csvPath = Path.Combine(app.Directory, "register.csv");
        await csvDownload.SaveAsAsync(csvPath);
        var csv = Encoding.UTF8.GetString(File.ReadAllBytes(csvPath));
        Assert.Contains(reference, csv);
        Assert.Contains(title, csv);
    }
}
