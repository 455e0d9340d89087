using Bogus;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Customers;

/// <summary>
/// Demo customers: bilingual names and addresses, contact history, consents (SMS, email, post,
/// cookies with their 13-month expiry), orders with masked cards, device logs, communications,
/// disclosures to the recipients the seed policies name, job applications and a Tell-A-Friend
/// referral. Hélène Tremblay of Millenium Micro Laval is always there, for the walkthroughs.
/// </summary>
public sealed class DemoCustomers(IDbContextFactory<PrivacyDeskDbContext> factory, TimeProvider clock) : IDemoDataSeeder
{
    public async Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct)
    {
        if (size.Customers == 0 || merchants.Count == 0) return;
        await using var db = factory.CreateSystemContext(new AuditActor("demo", "Demo data"));
        foreach (var m in merchants) await CustomerService.EnsureInventoryAsync(db, m.Id, ct);
        var existing = await db.Customers.CountAsync(ct);
        if (existing >= size.Customers) return;

        Randomizer.Seed = new Random(4242);
        var random = new Random(4242 + existing);
        var now = clock.GetUtcNow();
        var laval = merchants.FirstOrDefault(m => m.Slug == "mm-laval") ?? merchants[0];
        if (!await db.Customers.AnyAsync(c => c.AccountNumber == "MM-100001", ct))
            AddCustomer(db, laval, random, now, "MM-100001", "Hélène", "Tremblay", "fr", "helene.tremblay@example.com", "514-555-0101",
                "1234 boul. des Laurentides, Laval (Québec)", "H7G 2V5", new Faker("fr_CA"), gender: "F", genderKnown: true);

        var fakers = new Dictionary<string, Faker> { ["fr_CA"] = new("fr_CA"), ["en_CA"] = new("en_CA"), ["fr"] = new("fr"), ["en_US"] = new("en_US") };
        for (var i = existing; i < size.Customers; i++)
        {
            var merchant = merchants[i % merchants.Count];
            var locale = merchant.Country switch { "FR" => "fr", "US" => "en_US", _ => merchant.DefaultLanguage == "fr" && random.NextDouble() < 0.8 ? "fr_CA" : "en_CA" };
            var f = fakers[locale];
            // The first name matches the gender on record: letters open with "Madame," or "Monsieur," from it.
            var sex = f.PickRandom<Bogus.DataSets.Name.Gender>();
            var first = f.Name.FirstName(sex);
            var last = f.Name.LastName();
            var postal = merchant.Country switch { "FR" => f.Address.ZipCode("#####"), "US" => f.Address.ZipCode("#####"), _ => f.Address.ZipCode("?#? #?#").ToUpperInvariant() };
            AddCustomer(db, merchant, random, now, $"{merchant.Slug[..2].ToUpperInvariant()}-{200000 + i}", first, last,
                locale.StartsWith("fr") ? "fr" : "en", f.Internet.Email(first, last).ToLowerInvariant(), f.Phone.PhoneNumber("###-###-####"),
                f.Address.StreetAddress() + ", " + f.Address.City(), postal, f, sex == Bogus.DataSets.Name.Gender.Female ? "F" : "M");
            if (i % 500 == 499)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static void AddCustomer(PrivacyDeskDbContext db, Merchant m, Random random, DateTimeOffset now, string account, string first, string last,
        string language, string email, string phone, string address, string postalCode, Faker f, string? gender, bool genderKnown = false)
    {
        var created = now.AddDays(-random.Next(30, 2400));
        var lastActivity = created.AddDays(random.Next(0, Math.Max(1, (int)(now - created).TotalDays)));
        var customer = new Customer
        {
            MerchantId = m.Id, AccountNumber = account, FirstName = first, LastName = last, Language = language,
            DateOfBirth = DateOnly.FromDateTime(now.AddYears(-random.Next(19, 80)).AddDays(-random.Next(0, 365)).UtcDateTime),
            // Drawn still (one customer in three keeps it unknown), so that the rest of the demo stays as it was.
            Gender = random.Next(3) == 2 && !genderKnown ? null : gender, CreatedAt = created, LastActivityAt = lastActivity,
        };
        var points = new List<ContactPoint>
        {
            new() { MerchantId = m.Id, Kind = ContactKind.Email, Value = email, ValidFrom = created },
            new() { MerchantId = m.Id, Kind = ContactKind.Phone, Value = phone, ValidFrom = created },
            new() { MerchantId = m.Id, Kind = ContactKind.Postal, Value = address, PostalCode = postalCode, ValidFrom = created },
        };
        if (random.NextDouble() < 0.2) // an older address, replaced: history
            points.Add(new() { MerchantId = m.Id, Kind = ContactKind.Postal, Value = f.Address.StreetAddress(), PostalCode = postalCode, ValidFrom = created.AddDays(-400), ValidTo = created });
        customer.ContactPoints.AddRange(points);
        customer.SearchText = CustomerService.SearchTextFor(customer, points);

        // Records read as the office wrote them, in the customer's language and the merchant's vocabulary (Quebec's
        // "témoins", France's "cookies"): an access response prints them as they are.
        var fr = language == "fr";
        var eu = m.Country == "FR";
        string W(string en, string quebec, string? france = null) => fr ? (eu ? france ?? quebec : quebec) : en;
        var source = W("Sign-up form", "Formulaire d'inscription");
        var marketing = W("Marketing", "Prospection");
        customer.Consents.Add(new Consent { MerchantId = m.Id, Purpose = marketing, Channel = ConsentChannel.Email, State = ConsentState.Granted, Source = source, At = created });
        customer.Consents.Add(new Consent { MerchantId = m.Id, Purpose = marketing, Channel = ConsentChannel.Sms,
            State = account == "MM-100001" || random.NextDouble() < 0.6 ? ConsentState.Granted : ConsentState.Withdrawn, Source = source, At = created.AddMinutes(1) });
        if (random.NextDouble() < 0.5)
            customer.Consents.Add(new Consent { MerchantId = m.Id, Purpose = marketing, Channel = ConsentChannel.Post, State = ConsentState.Granted, Source = source, At = created.AddMinutes(2) });
        customer.Consents.Add(new Consent { MerchantId = m.Id, Purpose = W("Analytics cookies", "Témoins de mesure d'audience", "Cookies de mesure d'audience"), Channel = ConsentChannel.Cookies, State = ConsentState.Granted,
            Source = W("Cookie banner", "Bandeau de témoins", "Bandeau de cookies"), At = lastActivity, ExpiresAt = lastActivity.AddMonths(13) });
        db.Customers.Add(customer);

        var currency = m.Country switch { "FR" => "EUR", "US" => "USD", _ => "CAD" };
        var orders = account == "MM-100001" ? 4 : random.Next(0, 7);
        for (var o = 0; o < orders; o++)
        {
            var at = created.AddDays(random.Next(0, Math.Max(1, (int)(lastActivity - created).TotalDays + 1)));
            db.Orders.Add(new CustomerOrder { Customer = customer, MerchantId = m.Id, OrderNumber = $"{account}-{o + 1:D3}", At = at,
                Items = f.Commerce.ProductName(), Total = Math.Round((decimal)(random.NextDouble() * 1500 + 10), 2), Currency = currency,
                PaymentMethodMasked = $"{(random.Next(2) == 0 ? "Visa" : "Mastercard")} •••• {random.Next(1000, 9999)}" });
            db.Disclosures.Add(new Disclosure { Customer = customer, MerchantId = m.Id, At = at, Recipient = m.Country == "FR" ? "Stripe" : "Global Payments",
                RecipientKind = W("Payment processor", "Prestataire de paiement"), Categories = W("Name, card (masked), amount", "Nom, carte (masquée), montant"), Purpose = W("Payment", "Paiement"), Country = m.Country == "FR" ? "FR" : "CA" });
            if (random.NextDouble() < 0.7)
                db.Disclosures.Add(new Disclosure { Customer = customer, MerchantId = m.Id, At = at.AddDays(1), Recipient = m.Country == "FR" ? "Colissimo" : "Purolator",
                    RecipientKind = W("Shipping company", "Transporteur"), Categories = W("Name, postal address, phone", "Nom, adresse postale, téléphone"), Purpose = W("Delivery", "Livraison"), Country = m.Country });
        }
        for (var l = 0; l < random.Next(0, 8); l++)
            db.ActivityLogs.Add(new ActivityLog { Customer = customer, MerchantId = m.Id, At = lastActivity.AddDays(-random.Next(0, 90)), IpAddress = f.Internet.Ip(),
                OperatingSystem = random.Next(3) switch { 0 => "Windows 11", 1 => "macOS 15", _ => "Android 15" }, Browser = random.Next(2) == 0 ? "Firefox" : "Chrome",
                Page = random.Next(3) switch { 0 => "/cart", 1 => "/account", _ => "/products" } });
        if (random.NextDouble() < 0.3)
            db.Communications.Add(new Communication { Customer = customer, MerchantId = m.Id, At = lastActivity, Channel = "Email",
                Summary = language == "fr" ? "Question sur une garantie" : "Warranty question" });
        if (random.NextDouble() < 0.03)
            db.OtherRecords.Add(new OtherRecord { Customer = customer, MerchantId = m.Id, At = created, Kind = W("Job application", "Candidature"),
                Description = language == "fr" ? "Candidature : conseiller aux ventes" : "Application: sales associate" });
        if (random.NextDouble() < 0.02)
            db.ThirdPartyPeople.Add(new ThirdPartyPerson { MerchantId = m.Id, ReferredByCustomerId = null, // linked after save, below
                Name = f.Name.FullName(), Email = f.Internet.Email(),
                Source = "Tell-A-Friend", At = lastActivity });
    }
}
