using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Tests.Features.Documents;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>
/// The person's access response says which policy versions they were told about and when (seed 000 s. 12, seed 004),
/// read back with pdftotext and from the ZIP; a disclosure under an order that forbids telling them stays out of it
/// while the order is in force, and is in it once the order has ended.
/// </summary>
public sealed class AccessResponseNoticeTests
{
    [Fact]
    public async Task The_response_lists_the_policy_notices_and_leaves_out_a_disclosure_under_a_gag_order()
    {
        var (host, officer, requestId) = await AccessResponseTests.VerifiedAccessRequestAsync("fr");
        await using var owner = host;
        await using (var db = host.SystemDb())
        {
            var request = await db.Requests.SingleAsync(r => r.Id == requestId);
            var customer = request.CustomerId!.Value;
            var version = new PolicyVersion { MerchantId = request.MerchantId, Label = "2027-01", EffectiveOn = new DateOnly(2027, 1, 15), NoticeDays = 30, Substantial = true,
                SummaryFr = "Conservation des commandes portée à 7 ans.", CreatedAt = DateTimeOffset.UtcNow };
            db.PolicyVersions.Add(version);
            await db.SaveChangesAsync();
            var campaign = new NoticeCampaign { MerchantId = request.MerchantId, PolicyVersionId = version.Id, Status = CampaignStatus.Completed, StartedAt = DateTimeOffset.UtcNow, RecipientCount = 1 };
            db.NoticeCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.CampaignRecipients.Add(new CampaignRecipient { CampaignId = campaign.Id, MerchantId = request.MerchantId, CustomerId = customer, Email = "helene.tremblay@example.com",
                Language = "fr", Status = RecipientStatus.Sent, SentAt = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero) });
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.Disclosures.Add(new Disclosure { CustomerId = customer, MerchantId = request.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-5), Recipient = "Unité secrète d’enquête",
                RecipientKind = "Procédure judiciaire", Categories = "Nom", Purpose = "Mandat", Country = "CA", IsLegalProcess = true, Notice = PersonNotice.Withheld,
                WithheldOrder = "Ordonnance de non-divulgation", WithheldOrderDate = today.AddDays(-5), WithheldUntil = today.AddDays(60) });
            db.Disclosures.Add(new Disclosure { CustomerId = customer, MerchantId = request.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-90), Recipient = "Greffe de la Cour du Québec",
                RecipientKind = "Procédure judiciaire", Categories = "Nom", Purpose = "Assignation", Country = "CA", IsLegalProcess = true, Notice = PersonNotice.Withheld,
                WithheldOrder = "Ordonnance expirée", WithheldOrderDate = today.AddDays(-90), WithheldUntil = today.AddDays(-2) });
            await db.SaveChangesAsync();
        }

        await using (var scope = host.ActAs(officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateAccessResponseAsync(requestId);
            Assert.True(result.Succeeded, result.Error);
        }
        await using var check = host.SystemDb();
        var files = await check.RequestAttachments.Where(a => check.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == requestId)).ToListAsync();
        var text = PdfText.Extract(files.Single(f => f.FileName.EndsWith(".pdf")).Content!);
        var flat = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        Assert.Contains("Avis de modification de notre politique de confidentialité", flat);
        Assert.Contains("2027-01", flat);
        Assert.Contains("15 janvier 2027", flat);
        Assert.Contains("Envoyé le 1er décembre 2026 à helene.tremblay@example.com", flat);
        Assert.DoesNotContain("Unité secrète", flat);
        Assert.Contains("Greffe de la Cour du Québec", flat);

        using var zip = new ZipArchive(new MemoryStream(files.Single(f => f.FileName.EndsWith(".zip")).Content!));
        var json = string.Join("\n", zip.Entries.Where(e => e.FullName.EndsWith(".json")).Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
        Assert.Contains("\"policyNotices\"", json);
        Assert.Contains("2027-01", json);
        Assert.DoesNotContain("Unité secrète", json);
    }
}
