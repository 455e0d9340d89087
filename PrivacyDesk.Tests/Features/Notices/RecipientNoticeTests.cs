using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices.Recipients;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Features.Documents;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>
/// GDPR art. 19 and Quebec's same duty for information communicated to others: after a rectification or erasure under
/// a request, every recipient (the disclosures log and the inventory's processors and partners) is listed, told in its
/// language by email through aiosmtpd or by a PDF letter read back with pdftotext, its confirmation recorded, and the
/// requester given the list. Each step is on the timeline and in the audit.
/// </summary>
public sealed class RecipientNoticeTests
{
    private static async Task<(int Customer, PrivacyRequest Request)> CustomerWithDisclosuresAsync(NoticeFixture f, RequestType type, string language = "fr")
    {
        var customer = await f.AddCustomerAsync("MT-7", "Hélène", "Tremblay", language, "helene@example.ca", gender: "F");
        await using (var db = f.Host.SystemDb())
        {
            db.Disclosures.Add(new Disclosure { CustomerId = customer, MerchantId = f.Merchant.Id, At = DateTimeOffset.UtcNow.AddMonths(-2), Recipient = "Global Payments",
                RecipientKind = "Processor", Categories = "Nom, courriel", Purpose = "Paiement", Country = "US" });
            db.Disclosures.Add(new Disclosure { CustomerId = customer, MerchantId = f.Merchant.Id, At = DateTimeOffset.UtcNow.AddMonths(-1), Recipient = "Purolator",
                RecipientKind = "Carrier", Categories = "Nom, adresse", Purpose = "Livraison", Country = "CA" });
            await db.SaveChangesAsync();
        }
        await using var scope = f.Host.ActAs(f.Officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var request = await workflow.LogAsync(new NewRequest(f.Merchant.Id, [type], RequestChannel.Email, language, "Hélène Tremblay", "helene@example.ca"));
        return (customer, (await workflow.LinkCustomerAsync(request.Id, request.Version, customer)).Request!);
    }

    private static async Task<IReadOnlyList<RecipientNotice>> ListAsync(NoticeFixture f, int requestId)
    {
        await using var scope = f.Host.ActAs(f.Officer);
        return await scope.ServiceProvider.GetRequiredService<RecipientNoticeService>().ForRequestAsync(requestId);
    }

    [Fact]
    public async Task After_a_rectification_each_recipient_is_told_by_email_or_letter_confirms_and_the_requester_gets_the_list()
    {
        await using var f = await NoticeFixture.StartAsync();
        var (customer, request) = await CustomerWithDisclosuresAsync(f, RequestType.Rectification);
        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(customer))!;
            var result = await scope.ServiceProvider.GetRequiredService<CustomerActions>()
                .RectifyAsync(customer, profile.Customer.Version, request.Id, RectifiableField.Email, "helene.tremblay@example.ca");
            Assert.True(result.Succeeded, result.Error);
        }
        // The disclosures log's recipients, and the inventory's for contact details (Postes Canada, Purolator: once).
        var list = await ListAsync(f, request.Id);
        Assert.Equal(["Global Payments", "Postes Canada", "Purolator"], list.Select(n => n.RecipientName).Order().ToArray());
        Assert.All(list, n => Assert.Equal(RecipientNoticeStatus.ToTell, n.Status));
        Assert.Equal(RecipientSource.Disclosure, list.Single(n => n.RecipientName == "Purolator").Source);

        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var service = scope.ServiceProvider.GetRequiredService<RecipientNoticeService>();
            var payments = list.Single(n => n.RecipientName == "Global Payments");
            // A malformed address is refused on its field, and nothing goes.
            var bad = await service.SendAsync(payments.Id, payments.Version, new RecipientSendInput { Channel = NoticeChannel.Email, Email = "privacy@", Language = "en" });
            Assert.Equal("email", bad.Field);
            Assert.True((await service.SendAsync(payments.Id, payments.Version, new RecipientSendInput { Channel = NoticeChannel.Email, Email = "privacy@globalpay.example", Language = "en" })).Ok);
            Assert.False((await service.SendAsync(payments.Id, payments.Version, new RecipientSendInput { Channel = NoticeChannel.Email, Email = "privacy@globalpay.example", Language = "en" })).Ok);

            var post = list.Single(n => n.RecipientName == "Postes Canada");
            Assert.True((await service.SendAsync(post.Id, post.Version, new RecipientSendInput { Channel = NoticeChannel.Letter, PostalAddress = "2701, promenade Riverside\nOttawa (Ontario) K1A 0B1", Language = "fr" })).Ok);

            var purolator = list.Single(n => n.RecipientName == "Purolator");
            Assert.Equal("note", (await service.WaiveAsync(purolator.Id, purolator.Version, "  ")).Field);
            Assert.True((await service.WaiveAsync(purolator.Id, purolator.Version, "Colis livré; Purolator ne conserve plus l’adresse courriel.")).Ok);
        }
        Assert.Equal(1, await f.SendOutboxAsync()); // the notice to Global Payments (the letter is filed, not mailed)

        var toPayments = f.Received().Single(m => m.To.Mailboxes.Single().Address == "privacy@globalpay.example");
        Assert.Contains($"[{request.Reference}", toPayments.Subject); // their reply comes back to this request
        var body = NoticeFixture.Text(toPayments);
        Assert.StartsWith("Dear Sir or Madam,", body);
        Assert.Contains("At the request of Hélène Tremblay (customer MT-7), we have corrected", body);
        Assert.Contains("Email: helene@example.ca → helene.tremblay@example.ca", body);
        Assert.DoesNotContain("Madame", body);

        await using (var db = f.Host.SystemDb())
        {
            var letter = await db.RequestAttachments.SingleAsync(a => a.FileName.StartsWith("avis-destinataire"));
            var text = PdfText.Extract(letter.Content!);
            PdfText.RenderFirstPage(letter.Content!, "recipient-notice-letter-fr"); // for a person to read (test-output/)
            Assert.Contains("Postes Canada", text);
            Assert.Contains("Madame, Monsieur,", text);
            Assert.Contains("Courriel : helene@example.ca → helene.tremblay@example.ca", text);
            Assert.DoesNotContain("Dear", text);
        }

        // Global Payments replied that it is done: recorded; then the list goes to the requester, in French.
        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var service = scope.ServiceProvider.GetRequiredService<RecipientNoticeService>();
            var payments = (await service.ForRequestAsync(request.Id)).Single(n => n.RecipientName == "Global Payments");
            Assert.True((await service.ConfirmAsync(payments.Id, payments.Version, "Corrected on their side, reply of 2 December.")).Ok);
            Assert.True((await service.SendListToRequesterAsync(request.Id)).Ok);
        }
        Assert.Equal(1, await f.SendOutboxAsync());
        var toHelene = f.Received().Last(m => m.To.Mailboxes.Single().Address == "helene@example.ca");
        var listText = NoticeFixture.Text(toHelene);
        Assert.StartsWith("Madame,", listText);
        Assert.Contains("– Global Payments : avisé le", listText);
        Assert.Contains("confirmation reçue le", listText);
        Assert.Contains("– Postes Canada : avisé le", listText);
        Assert.Contains("– Purolator : non avisé", listText);
        Assert.DoesNotContain("Colis livré", listText); // the officer's reason stays inside

        await using var check = f.Host.SystemDb();
        var events = await check.RequestEvents.Where(e => e.RequestId == request.Id && e.Kind == RequestEventKind.RecipientNotice).CountAsync();
        Assert.Equal(3 + 2 + 1 + 1 + 1, events); // opened ×3, told ×2, waived, confirmed, list sent
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "recipient.notice-sent"));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "recipient.list-sent"));
    }

    [Fact]
    public async Task An_erasure_lists_the_recipients_before_the_name_is_removed_and_tells_them_to_erase()
    {
        await using var f = await NoticeFixture.StartAsync();
        var (customer, request) = await CustomerWithDisclosuresAsync(f, RequestType.Erasure, language: "en");
        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(customer))!;
            Assert.True((await scope.ServiceProvider.GetRequiredService<CustomerActions>().EraseAsync(customer, profile.Customer.Version, request.Id)).Succeeded);
        }
        var list = await ListAsync(f, request.Id);
        // Every category is erased: the inventory's analytics, hosting and carriers, and the disclosures' recipients.
        Assert.Contains(list, n => n.RecipientName == "Google");
        Assert.Contains(list, n => n.RecipientName == "AWS");
        Assert.Contains(list, n => n.RecipientName == "Global Payments");
        Assert.All(list, n => Assert.Equal(("Hélène Tremblay", RecipientChange.Erasure), (n.PersonName, n.Change)));

        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var google = list.Single(n => n.RecipientName == "Google");
            Assert.True((await scope.ServiceProvider.GetRequiredService<RecipientNoticeService>()
                .SendAsync(google.Id, google.Version, new RecipientSendInput { Channel = NoticeChannel.Email, Email = "dpo@google.example", Language = "fr" })).Ok);
        }
        await f.SendOutboxAsync();
        var mail = f.Received().Single(m => m.To.Mailboxes.Single().Address == "dpo@google.example");
        Assert.StartsWith("Demande d’effacement : Hélène Tremblay (client MT-7)", mail.Subject);
        var text = NoticeFixture.Text(mail);
        Assert.Contains("nous avons effacé les renseignements personnels que nous détenions à son sujet, sauf ce que la loi nous oblige à conserver", text);
        Assert.Contains("nous vous demandons de les effacer également", text);
        Assert.DoesNotContain("→", text);
    }

    [Theory]
    [InlineData("La Poste, Colissimo (carriers)", new[] { "La Poste", "Colissimo" })]
    [InlineData("Google (audience measurement), AWS (hosting)", new[] { "Google", "AWS" })]
    [InlineData("Stripe (payments, fraud checks); Mailchimp", new[] { "Stripe", "Mailchimp" })]
    [InlineData("", new string[0])]
    public void Inventory_recipients_are_read_as_names(string recipients, string[] names) =>
        Assert.Equal(names, RecipientList.Names(recipients).ToArray());
}
