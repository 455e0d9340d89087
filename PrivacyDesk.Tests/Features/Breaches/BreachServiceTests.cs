using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Breaches;

public sealed class BreachServiceTests
{
    private static async Task<(TestHost Host, int MerchantId, string Officer)> SetupAsync()
    {
        var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("mm-laval", "Millenium Micro Laval");
        await using (var db = host.SystemDb())
        {
            var m = await db.Merchants.SingleAsync(x => x.Id == merchant.Id);
            m.QuebecEnterpriseNumber = "1170000012";
            m.PrivacyOfficerName = "Sophie Gagnon";
            m.PrivacyOfficerEmail = "vie-privee@mm-laval.example";
            var now = DateTimeOffset.UtcNow;
            void Customer(string account, string first, string postal, string? email, string lang)
            {
                var c = new Customer { MerchantId = m.Id, AccountNumber = account, FirstName = first, LastName = "Test", Language = lang, CreatedAt = now.AddYears(-2), LastActivityAt = now.AddDays(-5) };
                c.ContactPoints.Add(new() { MerchantId = m.Id, Kind = ContactKind.Postal, Value = "1 rue", PostalCode = postal, ValidFrom = now.AddYears(-2) });
                if (email is not null) c.ContactPoints.Add(new() { MerchantId = m.Id, Kind = ContactKind.Email, Value = email, ValidFrom = now.AddYears(-2) });
                db.Customers.Add(c);
            }
            Customer("C-1", "Alice", "H7G 2V5", "alice@example.com", "fr");
            Customer("C-2", "Bob", "J4K 1A1", "bob@example.com", "en");
            Customer("C-3", "Chloé", "G1R 5S9", null, "fr");
            Customer("C-4", "Dave", "K1A 0B1", "dave@example.com", "en");
            await db.SaveChangesAsync();
        }
        var officer = await host.CreateUserAsync("officer@example.com", [Roles.PrivacyOfficer], merchant.Id);
        return (host, merchant.Id, officer);
    }

    private static IncidentInput Input(int merchantId) => new(merchantId, "Vol d'un ordinateur portable", "Un ordinateur portable non chiffré a été volé dans la voiture d'un employé.",
        "Vol", "Signalé par l'employé", DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddHours(-30), DateTimeOffset.UtcNow.AddHours(-29),
        "Portable du service à la clientèle", [DataCategory.Identity, DataCategory.Contact, DataCategory.Orders], "Noms, adresses, historique d'achats",
        "Effacement à distance demandé; mots de passe changés", "Aviser les clients touchés", "Méfiez-vous des courriels frauduleux", null, false);

    [Fact]
    public async Task Dates_that_cannot_be_are_refused_before_they_reach_a_filing()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        await using var scope = host.ActAs(officer);
        var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
        var now = DateTimeOffset.UtcNow;
        var good = Input(merchantId);
        foreach (var (bad, key) in new[]
                 {
                     (good with { OccurredFrom = now.AddDays(2), OccurredTo = now.AddDays(3) }, "future"),
                     (good with { OccurredFrom = now.AddHours(-10), OccurredTo = now.AddHours(-9), AwareAt = now.AddHours(-20) }, "aware"),
                     (good with { ContainedAt = good.OccurredFrom!.Value.AddHours(-1) }, "contained"),
                 })
        {
            var refused = await breaches.CreateAsync(bad);
            Assert.False(refused.Succeeded, key);
            Assert.False(string.IsNullOrEmpty(refused.Error), key);
        }
        Assert.True((await breaches.CreateAsync(good)).Succeeded);
    }

    [Fact]
    public async Task From_creation_to_the_CAI_notice_notices_and_register()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        await using var scope = host.ActAs(officer);
        var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();

        var created = await breaches.CreateAsync(Input(merchantId));
        Assert.True(created.Succeeded, created.Error);
        var id = created.Id!.Value;

        var byQuery = await breaches.AddAffectedByQueryAsync(id, new AffectedQuery([DataCategory.Contact], null, null, ["QC"]));
        Assert.Equal(3, byQuery.Count); // Ontario's Dave is not selected
        var byList = await breaches.AddAffectedByListAsync(id, "C-4\nnobody@example.com\nalice@example.com");
        Assert.Equal(1, byList.Count); // Dave added; Alice already there
        Assert.Contains(byList.Problems!, p => p.Contains("nobody@example.com") && p.Contains('2'));
        Assert.True((await breaches.AddPersonAsync(id, "Employé Témoin", "temoin@example.com", "fr", "CA", "QC")).Succeeded);

        Assert.True((await breaches.AssessAsync(id, BreachRegime.Quebec, RiskLevel.High, RiskLevel.Medium, RiskLevel.Medium, "Adresses et achats, appareil non chiffré")).Succeeded);
        Assert.True((await breaches.AssessAsync(id, BreachRegime.Pipeda, RiskLevel.High, RiskLevel.Medium, RiskLevel.Medium, "Même analyse")).Succeeded);
        var view = await breaches.GetAsync(id);
        Assert.Equal(5, view!.People.Count);
        Assert.Equal(4, view.People.Count(p => p.Region == "QC"));
        Assert.Contains(BreachRegime.Quebec, view.Regimes);
        Assert.All(view.Assessments, a => Assert.True(a.NotifyRegulator && a.NotifyPersons));
        Assert.Equal(IncidentStatus.Assessing, view.Incident.Status);

        var fields = (await breaches.FilingFieldsAsync(id, FilingKind.Cai))!;
        Assert.Equal("1170000012", fields.Single(f => f.Key == "Filing.Neq").Value);
        Assert.Equal("4", fields.Single(f => f.Key == "Filing.QuebecResidents").Value);
        // Items 8-11 of the CAI notice: the finding (not the app's instruction to the officer), notices so far, measures taken and planned, other authorities.
        Assert.StartsWith("Risque de préjudice sérieux. Adresses et achats", fields.Single(f => f.Key == "Filing.WhyRisk").Value);
        Assert.DoesNotContain("aviser", fields.Single(f => f.Key == "Filing.WhyRisk").Value, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Aucun avis encore envoyé aux 5 personnes", fields.Single(f => f.Key == "Filing.NotifyPersons").Value);
        Assert.Equal("Effacement à distance demandé; mots de passe changés\nPrévu : Aviser les clients touchés", fields.Single(f => f.Key == "Filing.MeasuresTakenAndPlanned").Value);
        Assert.Equal("Aucune à ce jour.", fields.Single(f => f.Key == "Filing.OtherAuthorities").Value);
        var (exported, filingId, pdf) = await breaches.ExportFilingAsync(id, FilingKind.Cai, fields);
        Assert.True(exported.Succeeded, exported.Error);
        var text = Regex.Replace(PdfText.Extract(pdf!), @"\s+", " ");
        var t = new DocText(host.Services.GetRequiredService<UiText>(), "fr");
        foreach (var f in fields)
        {
            Assert.Contains(Regex.Replace(t[f.Key], @"\s+", " "), text);
            foreach (var line in f.Value.Split('\n').Where(l => l.Length > 0)) Assert.Contains(Regex.Replace(line, @"\s+", " ").Trim(), text);
        }
        Assert.True((await breaches.MarkFiledAsync(id, filingId!.Value, DateTimeOffset.UtcNow)).Succeeded);

        // Bob and Dave read English: their notices wait for the facts in English, and nothing goes out meanwhile.
        var refused = await breaches.SendNoticesAsync(id, "privacy@localhost");
        Assert.False(refused.Succeeded);
        Assert.Contains("in English", refused.Error);
        Assert.Contains("Personal information involved", refused.Error);
        var current = (await breaches.GetAsync(id))!.Incident;
        var translated = await breaches.UpdateAsync(id, current.Version, Input(merchantId) with
        {
            Translation = new Dictionary<string, string>
            {
                ["Title"] = "Theft of a laptop", ["Description"] = "An unencrypted laptop was stolen from an employee's car.", ["Cause"] = "Theft",
                ["InformationInvolved"] = "Names, addresses, purchase history", ["MeasuresTaken"] = "Remote wipe requested; passwords changed",
                ["MeasuresPlanned"] = "Notify the customers concerned", ["AdviceToPersons"] = "Beware of fraudulent emails",
            },
        });
        Assert.True(translated.Succeeded, translated.Error);
        var notices = await breaches.SendNoticesAsync(id, "privacy@localhost");
        Assert.True(notices.Succeeded, notices.Error);
        Assert.Equal(5, notices.Count);
        await using (var db = host.SystemDb())
        {
            var outbox = await db.Outbox.Where(o => o.Kind == OutboxKind.Notice).ToListAsync();
            Assert.Equal(4, outbox.Count); // Chloé has no email: she gets a letter
            var english = outbox.Single(o => o.ToAddress == "bob@example.com");
            Assert.Contains("Confidentiality incident", english.Subject);
            Assert.Contains("Names, addresses, purchase history", english.BodyText);
            Assert.DoesNotContain("Noms, adresses", english.BodyText);
            Assert.Contains("Planned: Notify the customers concerned", english.BodyText);
            Assert.Contains("vie-privee@mm-laval.example", english.BodyText);
            Assert.Contains("Commission d'accès à l'information", english.BodyText); // Bob lives in Quebec: where he may complain
            Assert.Contains("Commission d'accès à l'information", outbox.Single(o => o.ToAddress == "alice@example.com").BodyText);
            Assert.Contains("Office of the Privacy Commissioner of Canada", outbox.Single(o => o.ToAddress == "dave@example.com").BodyText); // Ontario: PIPEDA
            var letters = await db.IncidentEvents.SingleAsync(e => e.Kind == IncidentEventKind.NoticesQueued);
            Assert.EndsWith(".pdf", letters.FileName);
            var letterText = PdfText.Extract(letters.File!);
            Assert.Contains("Chloé Test", letterText);
            Assert.Contains("1 rue G1R 5S9", letterText); // her postal address, for the envelope window
            Assert.Contains("Ce que vous pouvez faire", letterText);
        }
        var after = await breaches.GetAsync(id);
        Assert.Equal(1, after!.People.Count(p => p.Notice == NoticeStatus.Letter));
        Assert.Equal(IncidentStatus.Notifying, after.Incident.Status);

        var register = await breaches.RegisterAsync();
        var csv = System.Text.Encoding.UTF8.GetString(BreachService.RegisterCsv(register, t));
        Assert.Contains(after.Incident.Reference, csv);
        Assert.Contains("Theft of a laptop", csv); // an English reader reads the English facts
        Assert.DoesNotContain("Vol d'un ordinateur portable", csv);
        var registerPdf = Regex.Replace(PdfText.Extract(PrivacyDesk.Features.Documents.Pdf.PdfRenderer.Render(BreachService.RegisterPdf(register, t, "Millenium Micro Laval"))), @"\s+", " ");
        Assert.Contains("Registre des incidents", registerPdf);
        Assert.Contains(after.Incident.Reference, registerPdf);
        // Read as a French reader would: each authority with its date, the judgement and the cause in words, no enum codes.
        var french = await InCulture.Read("fr-CA", () => breaches.RegisterAsync());
        var frenchPdf = Regex.Replace(PdfText.Extract(PrivacyDesk.Features.Documents.Pdf.PdfRenderer.Render(BreachService.RegisterPdf(french, t, "Millenium Micro Laval"))), @"\s+", " ");
        // The filing date as the merchant's staff read it: Montreal's day, not UTC's (they differ from 00:00 to 05:00 UTC).
        var montreal = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"));
        Assert.Contains($"CAI {montreal:yyyy-MM-dd}", frenchPdf);
        Assert.Contains("Cause : Vol", frenchPdf);
        Assert.Contains("Vol d'un ordinateur portable", frenchPdf);
        Assert.Contains("Risque de préjudice sérieux", frenchPdf); // the finding, not "notify the CAI…"
        Assert.Contains("Millenium Micro Laval", frenchPdf);
        Assert.Contains("sensibilité", frenchPdf);
        Assert.Contains("cinq ans après la clôture", frenchPdf);
        foreach (var code in new[] { "Quebec:", "Pipeda:", "Medium", "High/", "Notifying" }) Assert.DoesNotContain(code, frenchPdf);

        await using var check = host.SystemDb();
        foreach (var action in new[] { "incident.created", "incident.affected-added", "incident.assessed", "incident.filing-exported", "incident.filed", "incident.notices-queued" })
            Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == action), action);
    }

    [Fact]
    public async Task Managers_read_incidents_but_change_nothing_and_other_merchants_see_nothing()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        int id;
        await using (var scope = host.ActAs(officer))
            id = (await scope.ServiceProvider.GetRequiredService<BreachService>().CreateAsync(Input(merchantId))).Id!.Value;
        var manager = await host.CreateUserAsync("manager@example.com", [Roles.Manager], merchantId);
        await using (var scope = host.ActAs(manager))
        {
            var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
            Assert.NotNull(await breaches.GetAsync(id));
            Assert.Single(await breaches.RegisterAsync());
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => breaches.AssessAsync(id, BreachRegime.Quebec, RiskLevel.High, RiskLevel.High, RiskLevel.High, "x"));
        }
        var paris = await host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        var dpo = await host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], paris.Id);
        await using (var scope = host.ActAs(dpo))
        {
            var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
            Assert.Null(await breaches.GetAsync(id));
            Assert.Empty(await breaches.ListAsync());
            Assert.False((await breaches.AddNoteAsync(id, "x")).Succeeded);
        }
    }

    [Fact]
    public async Task Files_on_the_timeline_are_kept_and_their_downloads_audited()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        await using var scope = host.ActAs(officer);
        var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
        var id = (await breaches.CreateAsync(Input(merchantId))).Id!.Value;
        var content = System.Text.Encoding.UTF8.GetBytes("rapport de police 2026-1234");
        Assert.True((await breaches.AddNoteAsync(id, "Rapport de police", "police.txt", content)).Succeeded);
        var evt = (await breaches.GetAsync(id))!.Events.Single(e => e.FileName == "police.txt");
        var file = await breaches.DownloadAsync(id, evt.Id);
        Assert.Equal(content, file!.Value.Content);
        await using var db = host.SystemDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "incident.file-downloaded"));
    }

    [Fact]
    public async Task Identities_are_purged_only_after_five_years_and_the_register_entry_stays()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        await using var scope = host.ActAs(officer);
        var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
        var id = (await breaches.CreateAsync(Input(merchantId))).Id!.Value;
        await breaches.AddAffectedByQueryAsync(id, new AffectedQuery([], null, null, ["QC"]));
        await breaches.SetStatusAsync(id, (await breaches.GetAsync(id))!.Incident.Version, IncidentStatus.Closed);

        var early = await breaches.PurgePersonalDataAsync(id);
        Assert.False(early.Succeeded);
        Assert.Contains(DateTimeOffset.UtcNow.AddYears(5).ToString("yyyy"), early.Error);

        await using (var db = host.SystemDb())
            await db.Incidents.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ClosedAt, DateTimeOffset.UtcNow.AddYears(-6)));
        Assert.True((await breaches.PurgePersonalDataAsync(id)).Succeeded);

        var view = await breaches.GetAsync(id);
        Assert.Equal(3, view!.People.Count); // counts and regions stay for the register
        Assert.All(view.People, p => Assert.True(p.Name == PrivacyDesk.Features.Requests.Retention.RequestRetention.Purged && p.Email is null && p.CustomerId is null));
        Assert.Equal(3, (await breaches.RegisterAsync()).Single().Persons);
        await using var check = host.SystemDb();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "incident.personal-data-purged"));
    }

    [Fact]
    public async Task A_concurrent_edit_is_detected()
    {
        var (host, merchantId, officer) = await SetupAsync();
        await using var _ = host;
        await using var scope = host.ActAs(officer);
        var breaches = scope.ServiceProvider.GetRequiredService<BreachService>();
        var id = (await breaches.CreateAsync(Input(merchantId))).Id!.Value;
        var seen = (await breaches.GetAsync(id))!.Incident.Version;
        Assert.True((await breaches.UpdateAsync(id, seen, Input(merchantId) with { Title = "Premier" })).Succeeded);
        var second = await breaches.UpdateAsync(id, seen, Input(merchantId) with { Title = "Second" });
        Assert.False(second.Succeeded);
        Assert.True(second.Conflict);
        Assert.Equal("Premier", (await breaches.GetAsync(id))!.Incident.Title);
    }
}
