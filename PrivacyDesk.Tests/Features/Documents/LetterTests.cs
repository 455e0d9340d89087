using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Documents;

/// <summary>
/// The refusal letter as each regime's lawyer reads it, through pdftotext: the request named in words,
/// the ground and the provision of law relied on, the authority with its address and the deadline to
/// apply, a closing formula, the regime's signature title, no routing tag, and no other regime's notions.
/// </summary>
public sealed class LetterTests
{
    [Theory]
    // language, country, province, gender, must contain (in order of the letter), must not contain
    [InlineData("fr", "CA", "QC", "F", new[] { "Madame,", "la suppression de vos renseignements personnels", "article 23 de la Loi sur la protection des renseignements personnels dans le secteur privé",
        "dans les 30 jours", "525, boulevard René-Lévesque Est", "demande d'examen de mésentente", "Veuillez agréer, Madame, l'expression de nos salutations distinguées.",
        "Personne responsable de la protection des renseignements personnels" }, new[] { "RGPD", "Règlement général", "CNIL", "[PD-" })]
    [InlineData("en", "CA", "ON", null, new[] { "Dear Hélène Tremblay,", "the deletion of your personal information", "clauses 4.3.8 and 4.5 of Schedule 1 to the Personal Information Protection",
        "30 Victoria Street, Gatineau", "subsection 11(1)", "Yours sincerely,", "Privacy Officer" },
        // PIPEDA times access requests only: a refused deletion has no six-month limit to cite (s. 11(3) is for access).
        new[] { "Commission d'accès", "30 days", "GDPR", "[PD-", "Canada: Office of the Privacy", "six months" })]
    [InlineData("fr", "FR", null, "M", new[] { "Monsieur,", "l'effacement de vos données personnelles", "article 17, paragraphe 3, point b), du Règlement général",
        "article 12, paragraphe 4", "recours juridictionnel", "3 Place de Fontenoy", "Veuillez agréer, Monsieur, l'expression de nos salutations distinguées.",
        "Délégué(e) à la protection des données" }, new[] { "renseignements personnels", "Commission d'accès", "mésentente", "[PD-" })]
    [InlineData("en", "US", "CA", null, new[] { "Dear Hélène Tremblay,", "the deletion of your personal information", "section 1798.105(d)(8)",
        "California Privacy Protection Agency", "2101 Arena Blvd", "Yours sincerely,", "Privacy Officer" }, new[] { "Commission d'accès", "PIPEDA", "GDPR", "[PD-" })]
    public async Task A_refusal_letter_has_what_its_regime_requires_and_nothing_of_another(
        string language, string country, string? province, string? gender, string[] inOrder, string[] absent)
    {
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("shop", "La Boutique", country, province);
        await using (var db = host.SystemDb())
        {
            var m = await db.Merchants.SingleAsync(x => x.Id == merchant.Id);
            (m.LegalName, m.PostalAddress, m.PrivacyOfficerName, m.PrivacyOfficerEmail) = ("La Boutique inc.", "100 rue Principale", "Sophie Gagnon", "vie-privee@boutique.example");
            await db.SaveChangesAsync();
        }
        var officer = await host.CreateUserAsync("officer@example.com", [Roles.PrivacyOfficer], merchant.Id);
        int customerId;
        await using (var db = host.SystemDb())
        {
            var c = new Customer { MerchantId = merchant.Id, AccountNumber = "A-1", FirstName = "Hélène", LastName = "Tremblay", Language = language, Gender = gender, CreatedAt = DateTimeOffset.UtcNow };
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            customerId = c.Id;
        }
        PrivacyRequest request;
        await using (var db = host.SystemDb())
            request = await host.Services.GetRequiredService<RequestIntake>().OpenAsync(db, new NewRequest(merchant.Id, [RequestType.Erasure], RequestChannel.Letter, language,
                "Hélène Tremblay", RequesterPostalAddress: "12 rue des Érables", CustomerId: customerId));
        await using var scope = host.ActAs(officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.True((await workflow.AcknowledgeAsync(request.Id, request.Version)).Succeeded);
        var current = (await workflow.GetAsync(request.Id))!;
        var decided = await workflow.DecideAsync(request.Id, current.Version, RequestOutcome.Refused,
            language == "fr" ? "Nous devons conserver vos factures pendant la durée que la loi impose." : "We must keep your invoices for as long as the law requires.",
            RefusalGround.LegalObligationToKeep);
        Assert.True(decided.Succeeded, decided.Error);

        var decidedRequest = (await workflow.GetAsync(request.Id))!;
        var template = (await scope.ServiceProvider.GetRequiredService<ReplyTemplateService>().ForRequestAsync(decidedRequest)).Single(t => t.Purpose == TemplatePurpose.Refusal);
        var letter = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateLetterAsync(request.Id, template.Id);
        Assert.True(letter.Succeeded, letter.Error);
        await using var check = host.SystemDb();
        var pdf = await check.RequestAttachments.SingleAsync(a => a.Id == letter.AttachmentIds![0]);
        var text = Regex.Replace(PdfText.Extract(pdf.Content), @"\s+", " ");
        PdfText.RenderFirstPage(pdf.Content, $"refusal-letter-{language}-{country}-{province}"); // for a person to read (test-output/)

        var at = 0;
        foreach (var expected in inOrder)
        {
            var found = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"\"{expected}\" missing (or out of order) in: {text}");
            at = found;
        }
        foreach (var notion in absent) Assert.DoesNotContain(notion, text);
        // No extension notice for a request that was not extended (Quebec allows none): nothing to announce.
        var templates = await scope.ServiceProvider.GetRequiredService<ReplyTemplateService>().ForRequestAsync(decidedRequest);
        Assert.DoesNotContain(templates, t => t.Purpose == TemplatePurpose.ExtensionNotice);
        var extensionTemplate = (await scope.ServiceProvider.GetRequiredService<ReplyTemplateService>().ListAsync()).First(t => t.Purpose == TemplatePurpose.ExtensionNotice && t.Language == language);
        Assert.False((await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateLetterAsync(request.Id, extensionTemplate.Id)).Succeeded);
        Assert.Contains("12 rue des Érables", text); // the address block of a postal letter
        Assert.Contains(request.Reference, text);
    }
}
