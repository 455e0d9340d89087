using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Breaches;

/// <summary>
/// A demo incident for Millenium Micro Laval: a stolen laptop, discovered 30 hours ago, with the
/// customers whose contact details were on it, a Quebec assessment, and the 72-hour clock running.
/// </summary>
public sealed class DemoIncidents(IDbContextFactory<PrivacyDeskDbContext> factory, TimeProvider clock) : IDemoDataSeeder
{
    public async Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct)
    {
        var laval = merchants.FirstOrDefault(m => m.Slug == "mm-laval");
        if (laval is null || size.Requests == 0) return;
        await using var db = factory.CreateSystemContext(new AuditActor("demo", "Demo data"));
        if (await db.Incidents.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var incident = new Incident
        {
            MerchantId = laval.Id, Reference = $"BR-{now.Year}-0001", Title = "Ordinateur portable volé (service à la clientèle)",
            Description = "Un ordinateur portable du service à la clientèle, non chiffré, a été volé dans la voiture d'un employé à Laval.",
            Cause = "Vol; disque non chiffré", HowDiscovered = "Signalé par l'employé le lendemain matin",
            OccurredFrom = now.AddHours(-40), OccurredTo = now.AddHours(-34), AwareAt = now.AddHours(-30), ContainedAt = now.AddHours(-28),
            Systems = "Poste de travail SAC-14 (copie locale du CRM)", DataCategories = "Contact,Identity,Orders",
            InformationInvolved = "Noms, adresses postales, courriels, téléphones et historique d'achats de clients du Québec",
            MeasuresTaken = "Effacement à distance demandé; mots de passe du CRM changés; plainte à la police de Laval",
            MeasuresPlanned = "Aviser les clients touchés; chiffrement obligatoire des portables",
            AdviceToPersons = "Méfiez-vous des courriels ou appels se réclamant de nous; ne communiquez jamais vos mots de passe.",
            LikelyConsequences = "Hameçonnage ciblé ou appels frauduleux se réclamant de nous, à l'aide de vos coordonnées et de vos achats.",
            ApproximateRecords = 25,
            FactsLanguage = "fr",
            // The same facts in English, for the customers who read English: their notices go out in English.
            Translations = IncidentFacts.Serialize(new Dictionary<string, string>
            {
                [nameof(Incident.Title)] = "Stolen laptop (customer service)",
                [nameof(Incident.Description)] = "An unencrypted customer-service laptop was stolen from an employee's car in Laval.",
                [nameof(Incident.Cause)] = "Theft; unencrypted disk",
                [nameof(Incident.InformationInvolved)] = "Names, postal addresses, emails, telephone numbers and purchase history of Quebec customers",
                [nameof(Incident.MeasuresTaken)] = "Remote wipe requested; CRM passwords changed; complaint filed with the Laval police",
                [nameof(Incident.MeasuresPlanned)] = "Notify the customers concerned; encryption made mandatory on laptops",
                [nameof(Incident.AdviceToPersons)] = "Beware of emails or calls claiming to come from us; never give out your passwords.",
                [nameof(Incident.LikelyConsequences)] = "Targeted phishing or fraudulent calls claiming to come from us, using your contact details and purchases.",
            }),
            Status = IncidentStatus.Assessing, OwnerName = "Sophie Gagnon", CreatedAt = now.AddHours(-29), UpdatedAt = now.AddHours(-2),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct);
        var people = await db.Customers.AsNoTracking().Where(c => c.MerchantId == laval.Id && c.Status == CustomerStatus.Active).OrderBy(c => c.Id).Take(25)
            .Select(c => new
            {
                c.Id, c.FirstName, c.LastName, c.Language,
                Email = db.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
                Postal = db.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.PostalCode).FirstOrDefault(),
            }).ToListAsync(ct);
        foreach (var p in people)
        {
            var (country, region) = Regions.FromPostalCode(laval.Country, p.Postal);
            db.AffectedPeople.Add(new AffectedPerson { IncidentId = incident.Id, MerchantId = laval.Id, CustomerId = p.Id, Name = $"{p.FirstName} {p.LastName}", Email = p.Email, Language = p.Language, Country = country, Region = region });
        }
        var verdict = RiskRules.Assess(BreachRegime.Quebec, RiskLevel.Medium, RiskLevel.Medium, RiskLevel.High);
        db.RiskAssessments.Add(new RiskAssessment
        {
            IncidentId = incident.Id, MerchantId = laval.Id, Regime = BreachRegime.Quebec, Sensitivity = RiskLevel.Medium, Likelihood = RiskLevel.Medium, Consequences = RiskLevel.High,
            Reasoning = "Coordonnées et achats permettent l'hameçonnage ciblé; appareil non chiffré", Outcome = verdict.OutcomeKey, NotifyRegulator = verdict.NotifyRegulator,
            NotifyPersons = verdict.NotifyPersons, NotifyOthers = verdict.NotifyOthers, AssessedAt = now.AddHours(-3), AssessedBy = "Sophie Gagnon",
        });
        db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, MerchantId = laval.Id, At = now.AddHours(-29), Kind = IncidentEventKind.Created, ActorName = "Sophie Gagnon" });
        db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, MerchantId = laval.Id, At = now.AddHours(-3), Kind = IncidentEventKind.Assessed, ActorName = "Sophie Gagnon", Text = "Quebec" });
        db.Audit("incident.created", nameof(Incident), incident.Id, laval.Id, new { incident.Reference, demo = true });
        await db.SaveChangesAsync(ct);
    }
}
