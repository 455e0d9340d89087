using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>What one merchant holds: ids of each kind of record, made through the app's own services.</summary>
public sealed record MerchantRecords(Merchant Merchant, int CustomerId, string CustomerName, int RequestId, string Reference, long AttachmentId,
    int IncidentId, long IncidentFileEventId, long InboundId, long QuarantinedId);

/// <summary>
/// Two merchants with the same kinds of data (a customer, a verified request with a file, an
/// incident with a file, a message from email and a quarantined one), and staff of every role
/// for each: the ground for authorisation and cross-merchant tests.
/// </summary>
public sealed class TwoMerchantWorld : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public MerchantRecords A { get; private set; } = null!;
    public MerchantRecords B { get; private set; } = null!;

    /// <summary>User ids of merchant A's staff by role; the admin belongs to no merchant and sees all.</summary>
    public Dictionary<string, string> StaffOfA { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Host = await TestHost.CreateAsync();
        var laval = await Host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        var paris = await Host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        StaffOfA[Roles.Admin] = await Host.CreateUserAsync("admin@example.com", [Roles.Admin]);
        StaffOfA[Roles.PrivacyOfficer] = await Host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], laval.Id);
        StaffOfA[Roles.SupportRep] = await Host.CreateUserAsync("rep@laval.example", [Roles.SupportRep], laval.Id);
        StaffOfA[Roles.Manager] = await Host.CreateUserAsync("manager@laval.example", [Roles.Manager], laval.Id);
        var parisOfficer = await Host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], paris.Id);

        A = await FillAsync(laval, StaffOfA[Roles.PrivacyOfficer], "Hélène", "Tremblay", "helene@example.com", "H7G 2V5");
        B = await FillAsync(paris, parisOfficer, "Zoé", "Marchand", "zoe@example.fr", "75019");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public T Service<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<MerchantRecords> FillAsync(Merchant merchant, string officer, string first, string last, string email, string postal)
    {
        var customerId = await AddCustomerAsync(merchant.Id, first, last, email, postal);
        await using var scope = Host.ActAs(officer);
        var workflow = Service<RequestWorkflow>(scope);
        var request = await workflow.LogAsync(new NewRequest(merchant.Id, [RequestType.Access], RequestChannel.Email, "fr", $"{first} {last}", email,
            Subject: "Accès à mes données", Message: "Je veux une copie de mes données."));
        var linked = await workflow.LinkCustomerAsync(request.Id, request.Version, customerId);
        var verified = await workflow.VerifyIdentityAsync(request.Id, linked.Request!.Version, IdentityVerificationMethod.DocumentChecked, "Passeport vérifié");
        Assert.True(verified.Succeeded, verified.Error);
        var noted = await workflow.AddNoteAsync(request.Id, "Lettre reçue", [new NewAttachment("lettre.txt", "text/plain", Encoding.UTF8.GetBytes($"Lettre de {first} {last}"))]);
        Assert.True(noted.Succeeded, noted.Error);
        var attachmentId = (await workflow.GetAsync(request.Id))!.Events.SelectMany(e => e.Attachments).Single().Id;

        var breaches = Service<BreachService>(scope);
        var incident = await breaches.CreateAsync(new IncidentInput(merchant.Id, $"Perte chez {merchant.Name}", "Un portable perdu.", "Perte", "Employé",
            null, null, DateTimeOffset.UtcNow.AddDays(-1), null, "Portable", [DataCategory.Identity], "Noms", "Effacement à distance", "", "", null, false));
        Assert.True(incident.Succeeded, incident.Error);
        var filed = await breaches.AddNoteAsync(incident.Id!.Value, "Rapport de police", "rapport.txt", Encoding.UTF8.GetBytes("Rapport"));
        Assert.True(filed.Succeeded, filed.Error);
        var fileEvent = (await breaches.GetAsync(incident.Id.Value))!.Events.Single(e => e.FileName is not null).Id;

        var intake = Service<MailIntake>(scope);
        var actor = new AuditActor("test", "Test");
        var mail = await intake.IngestAsync(merchant.Id, Mail(email, $"{first} {last}", "Suppression de mon compte", "Veuillez supprimer mon compte et mes données."),
            "test", null, actor);
        var bounce = await intake.IngestAsync(merchant.Id, Mail("mailer-daemon@example.net", "Mail Delivery System", "Undelivered Mail Returned to Sender",
            "This is an automatic reply.", autoSubmitted: true), "test", null, actor);
        Assert.Equal(InboundStatus.Quarantined, bounce.Status);

        return new MerchantRecords(merchant, customerId, $"{first} {last}", request.Id, request.Reference, attachmentId, incident.Id.Value, fileEvent,
            mail.InboundId, bounce.InboundId);
    }

    private static byte[] Mail(string from, string name, string subject, string body, bool autoSubmitted = false) => Encoding.UTF8.GetBytes($"""
        From: {name} <{from}>
        To: privacy@merchant.example
        Subject: {subject}
        Message-ID: <{Guid.NewGuid():N}@example.net>
        Date: Mon, 16 Nov 2026 10:00:00 +0000
        {(autoSubmitted ? "Auto-Submitted: auto-replied\n" : "")}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {body}
        """.ReplaceLineEndings("\r\n"));

    private async Task<int> AddCustomerAsync(int merchantId, string first, string last, string email, string postal)
    {
        await using var db = Host.SystemDb();
        var at = DateTimeOffset.UtcNow.AddYears(-1);
        var c = new Customer { MerchantId = merchantId, AccountNumber = $"{merchantId}-{last}", FirstName = first, LastName = last, CreatedAt = at, LastActivityAt = at };
        c.ContactPoints.Add(new() { MerchantId = merchantId, Kind = ContactKind.Email, Value = email, ValidFrom = at });
        c.ContactPoints.Add(new() { MerchantId = merchantId, Kind = ContactKind.Postal, Value = "1 rue A", PostalCode = postal, ValidFrom = at });
        c.SearchText = CustomerService.SearchTextFor(c, c.ContactPoints);
        db.Customers.Add(c);
        db.Orders.Add(new CustomerOrder { Customer = c, MerchantId = merchantId, OrderNumber = $"{merchantId}-1", At = at, Items = "Portable", Total = 999m, PaymentMethodMasked = "Visa •••• 4242" });
        await db.SaveChangesAsync();
        return c.Id;
    }
}
