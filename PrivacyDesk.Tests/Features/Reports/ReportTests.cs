using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Reports;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Reports;

public sealed class ReportTests
{
    /// <summary>Five requests with known outcomes: two decided on time (2 and 10 days), one late (40 days), one refused, one open and overdue.</summary>
    private static async Task<(TestHost Host, int MerchantId, string Manager)> SeedAsync()
    {
        var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var other = await host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        var manager = await host.CreateUserAsync("manager@example.com", [Roles.Manager], merchant.Id);
        var intake = host.Services.GetRequiredService<RequestIntake>();
        var start = DateTimeOffset.UtcNow.AddDays(-100);
        await using var db = host.SystemDb();
        async Task<PrivacyRequest> Open(int merchantId, RequestType type, RequestChannel channel, string lang, int dayOffset) =>
            await intake.OpenAsync(db, new NewRequest(merchantId, [type], channel, lang, "Client " + dayOffset, $"c{dayOffset}@example.com", ReceivedAt: start.AddDays(dayOffset)));

        var a = await Open(merchant.Id, RequestType.Access, RequestChannel.Email, "fr", 0);
        var b = await Open(merchant.Id, RequestType.Erasure, RequestChannel.Phone, "fr", 1);
        var c = await Open(merchant.Id, RequestType.Access, RequestChannel.Email, "en", 2);
        var d = await Open(merchant.Id, RequestType.Rectification, RequestChannel.Letter, "fr", 3);
        var e = await Open(merchant.Id, RequestType.Withdrawal, RequestChannel.Email, "fr", 4);
        await Open(other.Id, RequestType.Access, RequestChannel.Email, "fr", 5); // another merchant: never in this manager's report
        void Decide(PrivacyRequest r, double days, RequestOutcome outcome, string? reason = null)
        {
            r.DecidedAt = r.ReceivedAt.AddDays(days);
            r.Status = RequestStatus.Decided;
            r.Outcome = outcome;
            r.OutcomeReason = reason;
        }
        Decide(a, 2, RequestOutcome.Fulfilled);
        Decide(b, 10, RequestOutcome.Fulfilled);
        Decide(c, 40, RequestOutcome.Fulfilled);
        c.ExtendedDue = c.LegalDue.AddDays(5); // extended, still late
        Decide(d, 5, RequestOutcome.Refused, "=HYPERLINK(\"http://evil\") Demande abusive, répétitive");
        db.Incidents.Add(new PrivacyDesk.Features.Breaches.Incident { MerchantId = merchant.Id, Reference = "BR-2026-0009", Title = "Clé USB perdue",
            AwareAt = DateTimeOffset.UtcNow.AddDays(-20), CreatedAt = DateTimeOffset.UtcNow.AddDays(-20), UpdatedAt = DateTimeOffset.UtcNow });
        db.Incidents.Add(new PrivacyDesk.Features.Breaches.Incident { MerchantId = other.Id, Reference = "BR-2026-0010", Title = "Autre marchand",
            AwareAt = DateTimeOffset.UtcNow.AddDays(-20), CreatedAt = DateTimeOffset.UtcNow.AddDays(-20), UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        _ = e; // stays open, its 30 days have long passed
        return (host, merchant.Id, manager);
    }

    [Fact]
    public async Task Numbers_are_computed_from_the_requests_of_the_readers_merchants_only()
    {
        var (host, merchantId, manager) = await SeedAsync();
        await using var _ = host;
        await using var scope = host.ActAs(manager);
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var data = await reports.BuildAsync(new ReportQuery(today.AddDays(-120), today, []));

        Assert.Equal(5, data.Received);
        Assert.Equal(4, data.Closed);
        Assert.Equal(4, data.Decided);
        Assert.Equal(3, data.DecidedOnTime); // 2, 10 and 5 days; 40 days is late even with the extension
        // The withdrawal left unanswered past its deadline is a deemed refusal: late, in the rate's denominator.
        Assert.Equal(1, data.UnansweredPastDeadline);
        Assert.Equal(5, data.Due);
        Assert.Equal(0.6, data.OnTimeRate!.Value, 3);
        Assert.Equal(1, data.OverdueTotal);
        Assert.Equal(7.5, data.MedianDaysToClose!.Value, 3);
        Assert.Equal(14.25, data.MeanDaysToClose!.Value, 3);
        Assert.Equal(1, data.Extended);
        Assert.Equal(2, data.ByType.Single(x => x.Key == "Access").Received);
        Assert.Equal(3, data.ByChannel.Single(x => x.Key == "Email").Received);
        Assert.Equal(4, data.ByLanguage.Single(x => x.Key == "fr").Received);
        Assert.Equal("Withdrawal", Assert.Single(data.Overdue).TypeCodes, ignoreCase: true);
        Assert.Contains("abusive", Assert.Single(data.Refusals).Reason);
        Assert.DoesNotContain("Boutique Paris", data.Merchants);
        Assert.Equal(5, data.Monthly.Sum(m => m.ByType.Values.Sum()));
        Assert.Equal("BR-2026-0009", Assert.Single(data.Incidents).Reference); // the other merchant's incident is not in this report
    }

    [Fact]
    public async Task Exports_read_correctly_CSV_with_BOM_and_no_formulas_PDF_with_the_numbers()
    {
        var (host, _, manager) = await SeedAsync();
        await using var _h = host;
        await using var scope = host.ActAs(manager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var data = await scope.ServiceProvider.GetRequiredService<ReportService>().BuildAsync(new ReportQuery(today.AddDays(-120), today, []));
        var text = host.Services.GetRequiredService<UiText>();

        var csv = ReportExports.Csv(data, new DocText(text, "fr"));
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var content = Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains("Réponses dans les délais", content);
        // Every figure under its own column, plain invariant numbers (said in the first row), laws in words, the previous period beside.
        Assert.StartsWith("Section,Élément,Reçues,Fermées,Valeur,Période précédente,Unité,Date,Détail", content);
        Assert.Contains("Nombres,,,,,,,,\"Nombres simples : point décimal", content);
        Assert.Contains("Sommaire,Sans réponse après l'échéance (refus réputé),,,1,0,demandes", content);
        Assert.Contains("Sommaire,Réponses dans les délais,,,0.600,,fraction", content);
        Assert.Contains("Loi sur la protection des renseignements personnels dans le secteur privé (Québec),", content);
        Assert.DoesNotContain(",Quebec,", content);
        var overdueRow = content.Split('\n').Single(l => l.StartsWith("Demandes en retard,", StringComparison.Ordinal));
        Assert.Contains(",jours de retard,", overdueRow); // days late as a number in its own column, the due date in its own
        Assert.Contains("Retrait du consentement", overdueRow); // the type in words, not "withdrawal"
        Assert.Contains("'=HYPERLINK(\"\"http://evil\"\") Demande abusive, répétitive", content); // text, never a formula

        var pdf = PdfRenderer.Render(ReportExports.Pdf(data, new DocText(text, "en")));
        PdfText.RenderFirstPage(pdf, "manager-report-page1");
        var pdfText = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract(pdf), @"\s+", " ");
        Assert.Contains("Privacy request report", pdfText);
        Assert.Contains("Answered on time 60% (3 of 5, of which 1 unanswered past the deadline)", pdfText);
        // Read as laid out, a row of the summary is its label and its two figures.
        var laidOut = PdfText.Extract(pdf, layout: true);
        Assert.Matches(@"Median days to close\s+7\.5\s+—", laidOut);
        Assert.Matches(@"Received\s+5\s+0", laidOut);
        // The executive summary first, with the previous period of the same length beside it.
        Assert.True(pdfText.IndexOf("Summary", StringComparison.Ordinal) < pdfText.IndexOf("Requests received by type and month", StringComparison.Ordinal));
        Assert.Contains($"Previous period ({new DocText(text, "en").Date(today.AddDays(-241))} – {new DocText(text, "en").Date(today.AddDays(-121))})", pdfText);
        Assert.Contains("Requests received by type and month", pdfText);
        Assert.Contains("Overdue requests", pdfText);
        Assert.Contains("Clé USB perdue", pdfText);
        Assert.Contains("Page 1 of", pdfText);
    }

    [Fact]
    public async Task Support_reps_cannot_read_reports()
    {
        var (host, merchantId, _) = await SeedAsync();
        await using var _h = host;
        var rep = await host.CreateUserAsync("rep@example.com", [Roles.SupportRep], merchantId);
        await using var scope = host.ActAs(rep);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<ReportService>().BuildAsync(new ReportQuery(DateOnly.MinValue, DateOnly.MaxValue, [])));
    }
}
