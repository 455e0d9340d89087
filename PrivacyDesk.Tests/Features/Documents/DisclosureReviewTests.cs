using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Review;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Documents;

/// <summary>The review step before release, as an officer uses it, and what the person then receives (PDF and ZIP).</summary>
public sealed class DisclosureReviewTests
{
    [Fact]
    public void The_scanner_flags_other_peoples_emails_and_phones_and_internal_remarks_but_not_the_requesters_own()
    {
        var own = new OwnIdentifiers(new HashSet<string> { "helene.tremblay@example.com" }, new HashSet<string> { "5145550101" }, ["Gaston Secretname"]);
        var flags = DisclosureScanner.Scan("Helene.Tremblay@example.com a appelé du (514) 555-0101 pour son ami Gaston Secretname (gaston@example.com, 06 12 34 56 78). Client difficile, ne pas divulguer.", own);
        Assert.Equal(
            [(FlagKind.ThirdPartyName, "Gaston Secretname"), (FlagKind.OtherEmail, "gaston@example.com"), (FlagKind.OtherPhone, "06 12 34 56 78"),
             (FlagKind.InternalRemark, "Client difficile"), (FlagKind.InternalRemark, "ne pas divulguer")],
            flags.Select(f => (f.Kind, f.Value)).ToList());
        Assert.Equal("0612345678", DisclosureScanner.Digits("+33 6 12 34 56 78"));
        Assert.Equal("Ami [retiré] ([retiré]).", DisclosureScanner.Redact("Ami Gaston Secretname (gaston@example.com).", DisclosureScanner.Scan("Ami Gaston Secretname (gaston@example.com).", own), "[retiré]"));
    }

    [Fact]
    public async Task Flagged_texts_and_notes_must_be_decided_and_the_response_lists_what_was_withheld_with_its_provision()
    {
        var (host, officer, requestId) = await AccessResponseTests.VerifiedAccessRequestAsync("fr");
        await using var _ = host;
        long friendComm, remarkComm;
        await using (var db = host.SystemDb())
        {
            var customer = await db.Customers.SingleAsync();
            var friend = new Communication { CustomerId = customer.Id, MerchantId = customer.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-9), Channel = "Phone",
                Summary = "A donné le courriel de sa sœur, marie.autre@example.com, et son numéro 450-555-0199 pour la livraison." };
            var remark = new Communication { CustomerId = customer.Id, MerchantId = customer.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-8), Channel = "Email",
                Summary = "Cliente difficile au téléphone, mais demande légitime." };
            db.Communications.AddRange(friend, remark);
            var request = await db.Requests.SingleAsync();
            db.RequestEvents.Add(new RequestEvent { RequestId = request.Id, MerchantId = request.MerchantId, At = DateTimeOffset.UtcNow, Kind = RequestEventKind.Note,
                ActorId = "x", ActorName = "Sophie", Text = "Avocat consulté : litige possible sur la garantie." });
            await db.SaveChangesAsync();
            (friendComm, remarkComm) = (friend.Id, remark.Id);
        }
        await using var scope = host.ActAs(officer);
        var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();
        var review = scope.ServiceProvider.GetRequiredService<DisclosureReview>();

        var refused = await documents.GenerateAccessResponseAsync(requestId);
        Assert.False(refused.Succeeded);
        Assert.Contains("3 items that look like", refused.Error);

        var view = (await review.GetAsync(requestId))!;
        Assert.Equal(3, view.Pending);
        var note = view.Items.Single(i => i.Key.StartsWith("note:"));
        Assert.DoesNotContain(RefusalGround.ManifestlyUnfoundedOrExcessive, view.Grounds); // Quebec

        // Withholding needs a ground for leaving part of a response out; "disclosed in part" needs something to black out.
        Assert.False((await review.DecideAsync(requestId, note.Key, DisclosureChoice.Withhold, RefusalGround.IdentityNotVerified)).Succeeded);
        Assert.Contains("flagged", (await review.DecideAsync(requestId, $"communication:{remarkComm}", DisclosureChoice.Redact, RefusalGround.ThirdPartyInformation)).Error);
        // Deciding twice keeps one decision.
        Assert.False((await review.DecideAsync(requestId, $"communication:{friendComm}", DisclosureChoice.Redact, null)).Succeeded);
        Assert.True((await review.DecideAsync(requestId, $"communication:{friendComm}", DisclosureChoice.Redact, RefusalGround.ThirdPartyInformation)).Succeeded);
        Assert.True((await review.DecideAsync(requestId, $"communication:{friendComm}", DisclosureChoice.Redact, RefusalGround.ThirdPartyInformation)).Succeeded);
        Assert.True((await review.DecideAsync(requestId, $"communication:{remarkComm}", DisclosureChoice.Release, null)).Succeeded);
        Assert.True((await review.DecideAsync(requestId, note.Key, DisclosureChoice.Withhold, RefusalGround.LegalProceedings)).Succeeded);
        Assert.Equal(0, (await review.GetAsync(requestId))!.Pending);

        // A text edited after its decision is to decide again: the decision was about the words the officer read.
        await using (var db = host.SystemDb())
        {
            var remark = await db.Communications.SingleAsync(c => c.Id == remarkComm);
            remark.Summary += " Rappeler sa voisine au 450-555-0123.";
            await db.SaveChangesAsync();
        }
        Assert.False((await documents.GenerateAccessResponseAsync(requestId)).Succeeded);
        Assert.Equal(1, (await review.GetAsync(requestId))!.Pending);
        Assert.True((await review.DecideAsync(requestId, $"communication:{remarkComm}", DisclosureChoice.Redact, RefusalGround.ThirdPartyInformation)).Succeeded);

        var generated = await documents.GenerateAccessResponseAsync(requestId);
        Assert.True(generated.Succeeded, generated.Error);
        await using var db2 = host.SystemDb();
        var files = await db2.RequestAttachments.Where(a => generated.AttachmentIds!.Contains(a.Id)).ToListAsync();
        var pdf = Regex.Replace(PdfText.Extract(files.Single(f => f.FileName.EndsWith(".pdf")).Content), @"\s+", " ");
        Assert.DoesNotContain("marie.autre@example.com", pdf);
        Assert.DoesNotContain("450-555-0199", pdf);
        Assert.Contains("A donné le courriel de sa sœur, [caviardé], et son numéro [caviardé]", pdf);
        Assert.Contains("Cliente difficile au téléphone, mais demande légitime. Rappeler sa voisine au [caviardé].", pdf); // the remark disclosed, the neighbour's number not
        Assert.DoesNotContain("litige possible", pdf);
        Assert.DoesNotContain("Rien n'a été retenu", pdf);
        var withheld = pdf[pdf.IndexOf("Renseignements retenus", StringComparison.Ordinal)..];
        Assert.Contains("Communiqué en partie (caviardé)", withheld);
        Assert.Contains("Une note de notre", withheld); // named for the reader, in French, not as the officer sees it (a cell may wrap)
        Assert.Contains("bureau sur la demande PD-", withheld);
        Assert.DoesNotContain("Note on", withheld);
        Assert.Contains("article 40 de la Loi sur la protection des renseignements personnels dans le secteur privé", withheld);
        Assert.Contains("Retiré en entier", withheld);
        Assert.Contains("paragraphe 2° de l'article 39", withheld);

        using var zip = new ZipArchive(new MemoryStream(files.Single(f => f.FileName.EndsWith(".zip")).Content));
        var json = new StreamReader(zip.GetEntry("data.json")!.Open(), Encoding.UTF8).ReadToEnd();
        Assert.DoesNotContain("marie.autre@example.com", json);
        Assert.DoesNotContain("litige possible", json);
        Assert.Equal(5, await db2.AuditEntries.CountAsync(a => a.Action == "document.review-decided"));
        Assert.Equal(3, await db2.DisclosureDecisions.CountAsync());
    }
}
