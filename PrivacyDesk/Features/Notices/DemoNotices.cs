using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Notices;

/// <summary>
/// The demo's policy versions, as the companies' own policies describe them: Millenium Micro Laval tells account
/// holders of a substantial change (seed 000), Millennium Technology Resources
/// promises thirty days' notice of a material change (seed 004), Minididou consent before lowering protection
/// (seed 002); and one disclosure made under a subpoena, so the home page shows a notice owed.
/// </summary>
public sealed class DemoNotices(IDbContextFactory<PrivacyDeskDbContext> factory, TimeProvider clock) : IDemoDataSeeder
{
    public async Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct)
    {
        await using var db = factory.CreateSystemContext(new AuditActor("demo", "Demo data"));
        if (await db.PolicyVersions.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (merchants.FirstOrDefault(m => m.Slug == "mtr") is { } mtr)
        {
            db.PolicyVersions.Add(new PolicyVersion
            {
                MerchantId = mtr.Id, Label = "2027-01", EffectiveOn = today.AddDays(45), Substantial = true, NoticeDays = 30, CreatedAt = now, CreatedBy = "Demo data",
                SummaryEn = "We will keep the records of your purchases for seven years instead of six, as our auditors now require, and we will use a new payment processor (Global Payments) located in the United States.",
                SummaryFr = "Nous conserverons l’historique de vos achats sept ans au lieu de six, comme nos vérificateurs l’exigent désormais, et nous ferons appel à un nouveau processeur de paiement (Global Payments) situé aux États-Unis.",
            });
            // Seed 004's legal-process promise: a disclosure compelled by a subpoena, still to be told to the person.
            var customer = await db.Customers.Where(c => c.MerchantId == mtr.Id && c.Status == CustomerStatus.Active).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
            if (customer is not null)
                db.Disclosures.Add(new Disclosure
                {
                    CustomerId = customer.Id, MerchantId = mtr.Id, At = now.AddDays(-3), Recipient = "Maricopa County Sheriff's Office", RecipientKind = "Legal process",
                    Categories = "Name, email address, orders of 2026", Purpose = "Subpoena duces tecum no. CR2026-004512", Country = "US",
                    IsLegalProcess = true, Notice = PersonNotice.Due,
                });
        }
        // Seed 000 s. 12: a substantial change told by email to clients holding a valid account (no period promised).
        if (merchants.FirstOrDefault(m => m.Slug == "mm-laval") is { } laval)
        {
            db.PolicyVersions.Add(new PolicyVersion
            {
                MerchantId = laval.Id, Label = "2027-03", EffectiveOn = today.AddDays(35), Substantial = true, NoticeDays = 0, CreatedAt = now, CreatedBy = "Demo data",
                SummaryFr = "Nous confierons désormais l’hébergement de votre dossier client à un fournisseur situé à Montréal, et nous conserverons les journaux de connexion 12 mois au lieu de 6.",
                SummaryEn = "We will now have your customer record hosted by a provider located in Montreal, and we will keep sign-in logs for 12 months instead of 6.",
            });
        }
        if (merchants.FirstOrDefault(m => m.Slug == "minididou") is { } minididou)
        {
            db.PolicyVersions.Add(new PolicyVersion
            {
                MerchantId = minididou.Id, Label = "2027-02", EffectiveOn = today.AddDays(40), Substantial = true, LowersProtection = true, NoticeDays = 0, CreatedAt = now, CreatedBy = "Demo data",
                SummaryFr = "Nous souhaitons partager votre adresse courriel avec nos partenaires de livraison pour qu’ils vous proposent leurs services. Nous ne le ferons qu’avec votre accord.",
                SummaryEn = "We would like to share your email address with our delivery partners so that they can offer you their services. We will only do so with your agreement.",
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
