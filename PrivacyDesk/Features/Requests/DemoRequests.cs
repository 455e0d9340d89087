using Bogus;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Requests;

/// <summary>
/// Demo requests: every type, channel and language, spread over the last two months so that the
/// queue has new, due-soon, overdue, extended, decided and closed requests. Deterministic (seeded).
/// </summary>
public sealed class DemoRequests(IDbContextFactory<PrivacyDeskDbContext> factory, RequestIntake intake, TimeProvider clock) : IDemoDataSeeder
{
    private static readonly string[] MessagesEn =
    [
        "Please send me a copy of all the personal information you hold about me.",
        "I want you to delete my account and all the data attached to it.",
        "My address on file is wrong; please correct it.",
        "Stop sending me marketing texts and emails.",
        "I object to the use of my purchase history for profiling.",
        "Please send my order history in a format I can import elsewhere.",
        "I am unhappy with how my information was shared with a collection agency.",
    ];

    private static readonly string[] MessagesFr =
    [
        "Veuillez me transmettre une copie de tous les renseignements personnels que vous détenez à mon sujet.",
        "Je vous demande de supprimer mon compte et toutes les données qui y sont liées.",
        "L'adresse à mon dossier est erronée; merci de la corriger.",
        "Cessez de m'envoyer des textos et des courriels publicitaires.",
        "Je m'oppose à l'utilisation de mon historique d'achats à des fins de profilage.",
        "Merci de m'envoyer l'historique de mes commandes dans un format que je peux réutiliser.",
        "Je me plains de la communication de mes renseignements à une agence de recouvrement.",
    ];

    public async Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct)
    {
        if (size.Requests == 0 || merchants.Count == 0) return;
        await using var db = factory.CreateSystemContext(new AuditActor("demo", "Demo data"));
        var existing = await db.Requests.CountAsync(ct);
        if (existing >= size.Requests) return;

        var fakerEn = new Faker("en_CA");
        var fakerFr = new Faker("fr_CA");
        Randomizer.Seed = new Random(2027);
        var random = new Random(2027 + existing);
        var now = clock.GetUtcNow();
        var types = Enum.GetValues<RequestType>().Where(t => t != RequestType.Other).ToArray();
        // Most requests come from known customers: link them, as an officer would.
        var known = (await db.Customers.AsNoTracking().Where(c => c.AccountNumber != "MM-100001").OrderBy(c => c.Id).Take(3000)
                .Select(c => new { c.Id, c.MerchantId, c.FirstName, c.LastName, c.Language,
                    Email = c.ContactPoints.Where(p => p.Kind == Customers.ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault() })
                .ToListAsync(ct))
            .GroupBy(c => c.MerchantId).ToDictionary(g => g.Key, g => g.ToList());
        var channels = Enum.GetValues<RequestChannel>();

        for (var i = existing; i < size.Requests; i++)
        {
            var merchant = merchants[i % merchants.Count];
            var french = merchant.DefaultLanguage == "fr" ? random.NextDouble() < 0.8 : random.NextDouble() < 0.15;
            var f = french ? fakerFr : fakerEn;
            var typeIndex = random.Next(types.Length);
            var name = f.Name.FullName();
            var email = f.Internet.Email(name.Split(' ')[0], name.Split(' ')[^1]).ToLowerInvariant();
            int? customerId = null;
            if (known.TryGetValue(merchant.Id, out var candidates) && random.NextDouble() < 0.7)
            {
                var c = candidates[random.Next(candidates.Count)];
                (customerId, name, email, french) = (c.Id, $"{c.FirstName} {c.LastName}", c.Email ?? email, c.Language == "fr");
            }
            var receivedAt = now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 600));
            var cmd = new NewRequest(merchant.Id, [types[typeIndex]], channels[random.Next(channels.Length)], french ? "fr" : "en", name,
                email, f.Phone.PhoneNumber("###-###-####"), random.NextDouble() < 0.3 ? f.Address.FullAddress() : null,
                (french ? "Demande : " : "Request: ") + types[typeIndex].ToString().ToLowerInvariant(),
                (french ? MessagesFr : MessagesEn)[typeIndex], ReceivedAt: receivedAt,
                OptOutChannels: types[typeIndex] == RequestType.Withdrawal ? ContactChannels.Email | ContactChannels.Sms : ContactChannels.None,
                CustomerId: customerId);
            var request = await intake.OpenAsync(db, cmd, ct);
            await AdvanceAsync(db, request, random, ct);
        }
    }

    /// <summary>Moves older demo requests along the workflow, as real ones would be.</summary>
    private static async Task AdvanceAsync(PrivacyDeskDbContext db, PrivacyRequest r, Random random, CancellationToken ct)
    {
        var age = (DateTimeOffset.UtcNow - r.ReceivedAt).TotalDays;
        var roll = random.NextDouble();
        if (age < 2 || roll < 0.25) return; // still new
        r.Status = RequestStatus.Acknowledged;
        r.AcknowledgedAt = r.ReceivedAt.AddDays(1);
        if (age > 10 && roll > 0.45) { r.Status = RequestStatus.InProgress; r.VerifiedAt = r.ReceivedAt.AddDays(3); r.VerificationMethod = IdentityVerificationMethod.AccountLogin; r.VerificationEvidence = "Signed in to customer account"; }
        if (age > 25 && roll > 0.7)
        {
            r.Status = RequestStatus.Closed;
            r.Outcome = roll > 0.93 ? RequestOutcome.Refused : RequestOutcome.Fulfilled;
            r.OutcomeReason = r.Outcome == RequestOutcome.Refused
                ? (r.Language == "fr" ? "Nous ne détenons aucun renseignement à votre sujet." : "We hold no personal information about you.")
                : (r.Language == "fr" ? "Demande traitée." : "Request fulfilled.");
            r.DecidedAt = r.ReceivedAt.AddDays(random.Next(5, 28));
            r.ClosedAt = r.DecidedAt.Value.AddDays(1);
        }
        await db.SaveChangesAsync(ct);
    }
}
