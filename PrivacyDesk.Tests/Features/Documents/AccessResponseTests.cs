using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Documents;

public sealed class AccessResponseTests
{
    /// <summary>A customer with something in every category of the inventory, a referred friend, and many orders.</summary>
    internal static async Task<int> SeedCustomerAsync(TestHost host, int merchantId, int orders = 3)
    {
        await using var db = host.SystemDb();
        var now = DateTimeOffset.UtcNow;
        var c = new Customer
        {
            MerchantId = merchantId, AccountNumber = "MM-100001", FirstName = "Hélène", LastName = "Tremblay", Language = "fr",
            DateOfBirth = new DateOnly(1984, 3, 9), CreatedAt = now.AddYears(-3), LastActivityAt = now.AddDays(-10),
            ContactPoints =
            [
                new() { MerchantId = merchantId, Kind = ContactKind.Email, Value = "helene.tremblay@example.com", ValidFrom = now.AddYears(-3) },
                new() { MerchantId = merchantId, Kind = ContactKind.Phone, Value = "514-555-0101", ValidFrom = now.AddYears(-3) },
                new() { MerchantId = merchantId, Kind = ContactKind.Postal, Value = "1234 boul. des Laurentides, Laval", PostalCode = "H7G 2V5", ValidFrom = now.AddYears(-3) },
            ],
            Consents = [new() { MerchantId = merchantId, Purpose = "Infolettre", Channel = ConsentChannel.Email, State = ConsentState.Granted, Source = "Formulaire Web", At = now.AddYears(-2) }],
        };
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        for (var i = 1; i <= orders; i++)
            db.Orders.Add(new CustomerOrder { CustomerId = c.Id, MerchantId = merchantId, OrderNumber = $"CMD-{i:D5}", At = now.AddDays(-i), Items = $"Clavier sans fil nº {i}", Total = 49.99m + i, PaymentMethodMasked = "VISA **** 4242" });
        db.ActivityLogs.Add(new ActivityLog { CustomerId = c.Id, MerchantId = merchantId, At = now.AddDays(-5), IpAddress = "203.0.113.77", OperatingSystem = "Android", Browser = "Chrome", Page = "/compte" });
        db.Communications.Add(new Communication { CustomerId = c.Id, MerchantId = merchantId, At = now.AddDays(-30), Channel = "Email", Summary = "Question sur une garantie prolongée" });
        db.Disclosures.Add(new Disclosure { CustomerId = c.Id, MerchantId = merchantId, At = now.AddDays(-20), Recipient = "Purolator", RecipientKind = "Transporteur", Categories = "Nom, adresse", Purpose = "Livraison", Country = "CA" });
        db.Disclosures.Add(new Disclosure { CustomerId = c.Id, MerchantId = merchantId, At = now.AddDays(-20), Recipient = "Amazon Web Services", RecipientKind = "Hébergeur", Categories = "Toutes", Purpose = "Hébergement", Country = "US" });
        db.OtherRecords.Add(new OtherRecord { CustomerId = c.Id, MerchantId = merchantId, At = now.AddYears(-1), Kind = "Job application", Description = "Candidature : conseillère aux ventes" });
        db.ThirdPartyPeople.Add(new ThirdPartyPerson { MerchantId = merchantId, ReferredByCustomerId = c.Id, Name = "Gaston Secretname", Email = "gaston@example.com", Source = "Tell-A-Friend", At = now.AddDays(-40) });
        db.CustomerChanges.Add(new CustomerChange { CustomerId = c.Id, MerchantId = merchantId, At = now.AddDays(-60), Field = "LastName", OldValue = "Tremblais", NewValue = "Tremblay", ActorName = "Sophie" });
        await db.SaveChangesAsync();
        return c.Id;
    }

    internal static async Task<(TestHost Host, string Officer, int RequestId)> VerifiedAccessRequestAsync(string language, int orders = 3, string country = "CA", string? province = "QC")
    {
        var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("mm-laval", "Millenium Micro Laval", country, province);
        var officer = await host.CreateUserAsync("officer@example.com", [Roles.PrivacyOfficer], merchant.Id);
        var customerId = await SeedCustomerAsync(host, merchant.Id, orders);
        await using var db = host.SystemDb();
        var request = await host.Services.GetRequiredService<RequestIntake>().OpenAsync(db, new NewRequest(merchant.Id, [RequestType.Access], RequestChannel.Email,
            language, "Hélène Tremblay", "helene.tremblay@example.com", Message: "Je veux une copie de mes renseignements.", CustomerId: customerId));
        await using var scope = host.ActAs(officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();
        var refused = await documents.GenerateAccessResponseAsync(request.Id);
        Assert.False(refused.Succeeded); // identity not verified yet: nothing is disclosed
        Assert.Contains("identit", refused.Error, StringComparison.OrdinalIgnoreCase);
        var current = await workflow.GetAsync(request.Id);
        var verified = await workflow.VerifyIdentityAsync(request.Id, current!.Version, IdentityVerificationMethod.AccountLogin, "Signed in to her account");
        Assert.True(verified.Succeeded, verified.Error);
        return (host, officer, request.Id);
    }

    private static async Task<(byte[] Pdf, byte[] Zip)> GenerateAsync(TestHost host, string officer, int requestId)
    {
        await using (var scope = host.ActAs(officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateAccessResponseAsync(requestId);
            Assert.True(result.Succeeded, result.Error);
        }
        await using var db = host.SystemDb();
        var files = await db.RequestAttachments.Where(a => db.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == requestId)).ToListAsync();
        return (files.Single(f => f.FileName.EndsWith(".pdf")).Content, files.Single(f => f.FileName.EndsWith(".zip")).Content);
    }

    [Fact]
    public async Task French_response_has_every_category_the_withheld_section_and_page_numbers()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("fr");
        await using var _ = host;
        var (pdf, zip) = await GenerateAsync(host, officer, requestId);

        // Words wrapped inside a cell or a paragraph come out on separate lines: compare with whitespace folded.
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract(pdf), @"\s+", " ");
        var pages = PdfText.Pages(pdf).Count(p => p.Trim().Length > 0);
        Assert.Contains($"Page 1 de {pages}", text);
        Assert.Contains("Réponse à votre demande d'accès", text);
        foreach (var heading in new[] { "Identité", "Coordonnées", "Préférences et consentements", "Commandes et transactions", "Appareils et journaux", "Communications", "Communications à des tiers", "Autres dossiers" })
            Assert.Contains(heading, text);
        foreach (var value in new[] { "Hélène Tremblay", "MM-100001", "helene.tremblay@example.com", "H7G 2V5", "Infolettre", "CMD-00001", "VISA **** 4242", "203.0.113.77", "garantie prolongée", "Amazon Web Services", "conseillère aux ventes", "Tremblais" })
            Assert.Contains(value, text);
        Assert.Contains("Renseignements retenus", text);
        Assert.Contains("personne que vous nous avez recommandée", text);
        Assert.DoesNotContain("Gaston", text); // the other person's data itself is not disclosed
        Assert.Contains("Commission d'accès à l'information du Québec", text);
        Assert.Contains("1 888 528-7741", text);
        Assert.Contains("États-Unis (AWS)", text); // where each category is kept, in words
        Assert.DoesNotContain("US (AWS)", text);
        Assert.Contains("Personne responsable de la protection des renseignements personnels", text);
        PdfText.RenderFirstPage(pdf, "access-response-fr-page1");

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Contains(archive.Entries, e => e.Name == "LISEZMOI.txt");
        var json = JsonDocument.Parse(archive.GetEntry("data.json")!.Open()).RootElement;
        Assert.Equal("Tremblay", json.GetProperty("identity").GetProperty("lastName").GetString());
        Assert.Equal(3, json.GetProperty("orders").GetArrayLength());
        using var csv = new MemoryStream();
        archive.GetEntry("orders.csv")!.Open().CopyTo(csv);
        var bytes = csv.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // BOM: spreadsheets show the accents
        Assert.Contains("Clavier sans fil nº 1", Encoding.UTF8.GetString(bytes));
        Assert.DoesNotContain("Gaston", Encoding.UTF8.GetString(archive.Entries.SelectMany(e => { using var s = new MemoryStream(); e.Open().CopyTo(s); return s.ToArray(); }).ToArray()));

        await using var db = host.SystemDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "document.access-response-generated"));
    }

    [Fact]
    public async Task English_response_and_tables_spanning_pages_repeat_their_header()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("en", orders: 250);
        await using var _ = host;
        var (pdf, _) = await GenerateAsync(host, officer, requestId);

        var pages = PdfText.Pages(pdf).Where(p => p.Trim().Length > 0).ToArray();
        var text = string.Join("\f", pages);
        Assert.Contains($"Page 1 of {pages.Length}", text);
        Assert.Contains("Response to your access request", text);
        Assert.Contains("Information withheld", text);
        Assert.Contains("Orders and transactions", text);
        Assert.Equal(250, System.Text.RegularExpressions.Regex.Matches(text, @"CMD-\d{5}").Count);
        var orderPages = pages.Where(p => p.Contains("CMD-0")).ToList();
        Assert.True(orderPages.Count >= 3, $"orders on {orderPages.Count} pages");
        Assert.All(orderPages, p => Assert.Contains("Payment", p)); // the orders table's header on each of its pages
        PdfText.RenderFirstPage(pdf, "access-response-en-page1");
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111.1111.1111.1111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("4111111111111111", true)]
    [InlineData("carte 3782 822463 10005 expirée", true)]          // American Express, 15 digits
    [InlineData("4111 1111 1111 1112", false)]                     // fails Luhn
    [InlineData("514-555-0101", false)]
    [InlineData("PD-2026-000123", false)]
    [InlineData("41111111111111111111111", false)]                 // 23 digits: not a card
    public void Card_numbers_are_found_whatever_their_separators_and_only_when_luhn_passes(string text, bool card)
    {
        Assert.Equal(card, CardNumbers.Contains(text));
        if (card) Assert.DoesNotMatch(@"\d{4}[ .\-]?\d{4}[ .\-]?\d{4}", CardNumbers.Mask(text)!);
    }

    [Fact]
    public async Task Transfers_name_countries_in_words_with_who_holds_the_data_and_the_eea_is_not_abroad_for_a_french_shop()
    {
        var (quebec, officer, requestId) = await VerifiedAccessRequestAsync("en");
        await using (var owner = quebec)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract((await GenerateAsync(quebec, officer, requestId)).Pdf), @"\s+", " ");
            Assert.Contains("Where your personal information is kept: Quebec, Canada.", text);
            var transfers = text[text.IndexOf("Transfers outside your province or country", StringComparison.Ordinal)..];
            Assert.Contains("the United States", transfers);
            Assert.Contains("Amazon Web Services", transfers);
            // The safeguard recorded for the hosting (Quebec s. 17), and the truth for a one-off disclosure: none recorded.
            Assert.Contains("privacy impact assessment and under a written agreement with the recipient (section 17 of the Act)", transfers);
            Assert.Contains("no safeguard is recorded for this transfer", transfers);
            Assert.DoesNotContain(" US,", text);
        }

        var (lyon, dpo, frRequest) = await VerifiedAccessRequestAsync("fr", country: "FR", province: null);
        await using var owner2 = lyon;
        await using (var db = lyon.SystemDb())
        {
            var customer = await db.Customers.SingleAsync();
            db.Disclosures.Add(new Disclosure { CustomerId = customer.Id, MerchantId = customer.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-3), Recipient = "Google Analytics",
                RecipientKind = "Mesure d'audience", Categories = "Identifiants en ligne", Purpose = "Statistiques", Country = "US" });
            db.Disclosures.Add(new Disclosure { CustomerId = customer.Id, MerchantId = customer.MerchantId, At = DateTimeOffset.UtcNow.AddDays(-3), Recipient = "Hébergeur Dublin",
                RecipientKind = "Hébergeur", Categories = "Toutes", Purpose = "Hébergement", Country = "IE" });
            await db.SaveChangesAsync();
        }
        var fr = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract((await GenerateAsync(lyon, dpo, frRequest)).Pdf), @"\s+", " ");
        var frTransfers = fr[fr.IndexOf("Transferts hors de l'Espace économique européen", StringComparison.Ordinal)..];
        Assert.Contains("Google Analytics", frTransfers);
        Assert.Contains("États-Unis", frTransfers);
        Assert.Contains("article 15, paragraphe 2, du RGPD", frTransfers);
        Assert.Contains("cadre de protection des données UE–États-Unis", frTransfers); // the inventory's safeguard for audience measurement
        Assert.DoesNotContain("Irlande", frTransfers); // inside the EEA: not a transfer for a French shop (the disclosure itself is listed, in words)
        Assert.Contains("Irlande", fr);
        Assert.DoesNotContain("Union européenne (", fr);
    }

    [Theory]
    [InlineData("fr", "FR", null, "Délégué(e) à la protection des données", "Récapitulatif des données personnelles")]
    [InlineData("fr", "CA", "QC", "Personne responsable de la protection des renseignements personnels", "Sommaire des renseignements personnels")]
    [InlineData("en", "CA", "ON", "Privacy Officer", "Summary of the personal information")]
    [InlineData("en", "FR", null, "Data protection officer", "Summary of the personal data")]
    public async Task Each_regime_signs_with_its_own_title_and_words(string language, string country, string? province, string title, string summary)
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync(language, country: country, province: province);
        await using var owner = host;
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract((await GenerateAsync(host, officer, requestId)).Pdf), @"\s+", " ");
        Assert.Contains(title, text);
        Assert.Contains(summary, text);
    }

    [Fact]
    public async Task A_californian_is_told_per_category_whether_it_was_sold_or_shared_and_not_recorded_is_not_an_answer()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("en", country: "US", province: "CA");
        await using var _ = host;
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract((await GenerateAsync(host, officer, requestId)).Pdf), @"\s+", " ");
        Assert.Contains("Sale and sharing of your personal information", text);
        Assert.Contains("In the past 12 months we did not sell your personal information", text);
        Assert.Contains("California Privacy Protection Agency", text);

        await using (var db = host.SystemDb())
        {
            var entry = await db.DataInventory.SingleAsync(e => e.Category == PrivacyDesk.Features.Customers.Inventory.DataCategory.DeviceAndLogs);
            entry.SaleOrSharing = PrivacyDesk.Features.Customers.Inventory.SaleOrSharing.NotRecorded;
            await db.SaveChangesAsync();
        }
        await using var scope = host.ActAs(officer);
        var refused = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateAccessResponseAsync(requestId);
        Assert.False(refused.Succeeded);
        Assert.Contains("Device and log data", refused.Error);
    }

    [Fact]
    public async Task An_expired_consent_is_shown_as_expired_with_its_date_never_as_granted()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("fr");
        await using var owner = host;
        var expired = new DateOnly(2026, 10, 1);
        await using (var db = host.SystemDb())
        {
            var customer = await db.Customers.SingleAsync();
            db.Consents.Add(new Consent { CustomerId = customer.Id, MerchantId = customer.MerchantId, Purpose = "Témoins de mesure d'audience", Channel = ConsentChannel.Cookies,
                State = ConsentState.Granted, Source = "Bandeau", At = new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero),
                ExpiresAt = new DateTimeOffset(expired.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }
        var (pdf, zip) = await GenerateAsync(host, officer, requestId);
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract(pdf), @"\s+", " ");
        Assert.Contains("Expiré le 1er octobre 2026", text);
        using var archive = new ZipArchive(new MemoryStream(zip));
        var consents = new StreamReader(archive.GetEntry("consents.csv")!.Open()).ReadToEnd();
        Assert.Contains("Témoins de mesure d'audience,Cookies,Expired", consents);
        Assert.DoesNotContain("Témoins de mesure d'audience,Cookies,Granted", consents);
    }

    [Fact]
    public async Task No_full_card_number_reaches_the_response_from_old_records_or_what_people_wrote()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("en");
        await using var owner = host;
        await using (var db = host.SystemDb())
        {
            // Stored before import refused them: the documents must not print it either.
            var customerId = await db.Customers.Select(c => c.Id).SingleAsync();
            db.OtherRecords.Add(new OtherRecord { CustomerId = customerId, MerchantId = (await db.Customers.SingleAsync()).MerchantId, At = DateTimeOffset.UtcNow,
                Kind = "Dispute", Description = "Charge disputed on card 4111.1111.1111.1111" });
            await db.SaveChangesAsync();
        }
        await using (var scope = host.ActAs(officer))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().AddNoteAsync(requestId, "She read me her card: 5555 5555 5555 4444")).Succeeded);
            // The note reaches the response once the officer releases it at the review step: it must still not carry the number.
            var review = scope.ServiceProvider.GetRequiredService<PrivacyDesk.Features.Documents.Review.DisclosureReview>();
            foreach (var item in (await review.GetAsync(requestId))!.Items)
                Assert.True((await review.DecideAsync(requestId, item.Key, PrivacyDesk.Features.Documents.Review.DisclosureChoice.Release, null)).Succeeded);
        }

        var (pdf, zip) = await GenerateAsync(host, officer, requestId);
        var text = PdfText.Extract(pdf);
        using var archive = new ZipArchive(new MemoryStream(zip));
        var everything = text + string.Concat(archive.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        foreach (var full in new[] { "4111.1111.1111.1111", "4111111111111111", "4111 1111 1111 1111", "5555 5555 5555 4444" })
            Assert.DoesNotContain(full, everything);
        Assert.Contains("•••• 1111", text);
        await using var check = host.SystemDb();
        Assert.Contains("•••• 4444", (await check.RequestEvents.OrderBy(e => e.Id).LastAsync(e => e.Kind == RequestEventKind.Note)).Text);
    }

    [Fact]
    public async Task Only_officers_generate_documents_and_letters_come_from_templates()
    {
        var (host, officer, requestId) = await VerifiedAccessRequestAsync("fr");
        await using var _ = host;
        await using var db0 = host.SystemDb();
        var merchantId = (await db0.Requests.SingleAsync()).MerchantId;
        var rep = await host.CreateUserAsync("rep@example.com", [Roles.SupportRep], merchantId);
        await using (var scope = host.ActAs(rep))
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateAccessResponseAsync(requestId));

        // An officer of another merchant cannot reach this request at all.
        var paris = await host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        var dpo = await host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], paris.Id);
        await using (var scope = host.ActAs(dpo))
        {
            var other = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateAccessResponseAsync(requestId);
            Assert.False(other.Succeeded);
            Assert.Equal(0, await db0.RequestAttachments.CountAsync());
        }

        var template = await db0.ReplyTemplates.FirstAsync(t => t.Purpose == PrivacyDesk.Features.Requests.Templates.TemplatePurpose.Acknowledgement && t.Language == "fr" && t.Jurisdiction == null);
        await using (var scope = host.ActAs(officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<DocumentService>().GenerateLetterAsync(requestId, template.Id);
            Assert.True(result.Succeeded, result.Error);
        }
        await using var db = host.SystemDb();
        var letter = await db.RequestAttachments.SingleAsync(a => a.FileName.StartsWith("acknowledgement"));
        var text = PdfText.Extract(letter.Content);
        var reference = (await db.Requests.SingleAsync()).Reference;
        Assert.Contains(reference, text);
        Assert.Contains("Hélène Tremblay", text);
        Assert.Contains("Page 1 de 1", text);
        Assert.DoesNotContain($"[{reference}", text); // an email's routing tag has no place in a postal letter
    }
}
