using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Every change to a request, a customer or an incident leaves an audit record naming that record,
/// through the whole life of each, as an officer works it; the chain still verifies at the end.
/// </summary>
public sealed class AuditCoverageTests(TwoMerchantWorld world) : IClassFixture<TwoMerchantWorld>
{
    private Microsoft.Extensions.DependencyInjection.AsyncServiceScope Officer() => world.Host.ActAs(world.StaffOfA[Roles.PrivacyOfficer]);

    private async Task<int> AuditCountAsync(string entityType, object id)
    {
        await using var db = world.Host.SystemDb();
        var key = id.ToString()!;
        return await db.AuditEntries.CountAsync(a => a.EntityType == entityType && a.EntityId == key);
    }

    /// <summary>Runs a change and checks it succeeded and added an audit record about the entity.</summary>
    private async Task Audited(string name, string entityType, object id, Func<Task<(bool Ok, string? Error)>> change, List<string> missing)
    {
        var before = await AuditCountAsync(entityType, id);
        var (ok, error) = await change();
        Assert.True(ok, $"{name}: {error}");
        if (await AuditCountAsync(entityType, id) <= before) missing.Add(name);
    }

    [Fact]
    public async Task A_request_worked_from_intake_to_close_is_audited_at_every_step()
    {
        await using var scope = Officer();
        var workflow = world.Service<RequestWorkflow>(scope);
        var mail = world.Service<MailboxService>(scope);
        var documents = world.Service<DocumentService>(scope);
        var missing = new List<string>();
        var a = world.A;
        var request = await workflow.LogAsync(new NewRequest(a.Merchant.Id, [RequestType.Access], RequestChannel.Phone, "fr", "Hélène Tremblay",
            RequesterEmail: "helene@example.com", Jurisdiction: Jurisdiction.Pipeda));
        Assert.True(await AuditCountAsync(nameof(PrivacyRequest), request.Id) > 0, "logging a request is audited");
        int id = request.Id;
        async Task<Guid> V() => (await workflow.GetAsync(id))!.Version;
        static (bool, string?) R(RequestResult r) => (r.Succeeded, r.Error);

        await Audited("note", nameof(PrivacyRequest), id, async () => R(await workflow.AddNoteAsync(id, "Appel reçu")), missing);
        await Audited("assign", nameof(PrivacyRequest), id, async () => R(await workflow.AssignAsync(id, await V(), (await workflow.AssigneesAsync(a.Merchant.Id))[0])), missing);
        await Audited("acknowledge", nameof(PrivacyRequest), id, async () => R(await workflow.AcknowledgeAsync(id, await V())), missing);
        await Audited("ask for proof of identity", nameof(PrivacyRequest), id, async () => R(await workflow.RequestVerificationAsync(id, await V(), "Pièce d'identité")), missing);
        await Audited("verify identity", nameof(PrivacyRequest), id, async () => R(await workflow.VerifyIdentityAsync(id, await V(), IdentityVerificationMethod.CallbackToKnownNumber, "Rappel")), missing);
        await Audited("link customer", nameof(PrivacyRequest), id, async () => R(await workflow.LinkCustomerAsync(id, await V(), a.CustomerId)), missing);
        await Audited("correct classification", nameof(PrivacyRequest), id, async () => R(await workflow.CorrectClassificationAsync(id, await V(), [RequestType.Access, RequestType.Portability], "fr")), missing);
        await Audited("extend", nameof(PrivacyRequest), id, async () => R(await workflow.ExtendAsync(id, await V(), "Volume de données")), missing);
        await Audited("reply", nameof(PrivacyRequest), id, async () => R(await workflow.ReplyAsync(id, "helene@example.com", "Votre demande", "Bonjour")), missing);
        var review = world.Service<PrivacyDesk.Features.Documents.Review.DisclosureReview>(scope);
        foreach (var item in (await review.GetAsync(id))!.Items)
            await Audited($"review {item.Key}", nameof(PrivacyRequest), id, async () =>
            {
                var d = await review.DecideAsync(id, item.Key, PrivacyDesk.Features.Documents.Review.DisclosureChoice.Release, null);
                return (d.Succeeded, d.Error);
            }, missing);
        await Audited("access response", nameof(PrivacyRequest), id, async () => { var d = await documents.GenerateAccessResponseAsync(id); return (d.Succeeded, d.Error); }, missing);
        await Audited("decide", nameof(PrivacyRequest), id, async () => R(await workflow.DecideAsync(id, await V(), RequestOutcome.Fulfilled, "Copie transmise")), missing);
        await Audited("close", nameof(PrivacyRequest), id, async () => R(await workflow.CloseAsync(id, await V(), "Réponse remise en main propre")), missing);
        await Audited("reopen", nameof(PrivacyRequest), id, async () => R(await workflow.ReopenAsync(id, await V(), "Pièce manquante")), missing);
        await Audited("withdraw", nameof(PrivacyRequest), id, async () => R(await workflow.WithdrawAsync(id, await V(), "Retirée par la personne")), missing);

        // A quarantined message released into a request, another dismissed.
        var bounce = await world.Service<MailIntake>(scope).IngestAsync(a.Merchant.Id, Encoding.UTF8.GetBytes(
            $"From: Robot <robot@example.net>\r\nAuto-Submitted: auto-replied\r\nSubject: Absent\r\nMessage-ID: <{Guid.NewGuid():N}@x>\r\n\r\nAbsent.\r\n"), "t", null, AuditActor.System);
        var row = (await mail.GetAsync(bounce.InboundId))!.Row;
        await Audited("release mail", nameof(InboundMessage), bounce.InboundId, async () => R(await mail.ReleaseAsync(bounce.InboundId, row.Version, [RequestType.Access], "fr", "Robot", "robot@example.net")), missing);
        var junk = await world.Service<MailIntake>(scope).IngestAsync(a.Merchant.Id, Encoding.UTF8.GetBytes($"Subject: vide\r\nMessage-ID: <{Guid.NewGuid():N}@x>\r\n\r\nx\r\n"), "t", null, AuditActor.System);
        var junkRow = (await mail.GetAsync(junk.InboundId))!.Row;
        await Audited("dismiss mail", nameof(InboundMessage), junk.InboundId, async () => R(await mail.DismissAsync(junk.InboundId, junkRow.Version, "Pourriel")), missing);

        Assert.True(missing.Count == 0, "Not audited: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task A_customer_rectified_opted_out_deactivated_and_erased_is_audited_at_every_step()
    {
        await using var scope = Officer();
        var workflow = world.Service<RequestWorkflow>(scope);
        var actions = world.Service<CustomerActions>(scope);
        var customers = world.Service<CustomerService>(scope);
        var missing = new List<string>();
        var a = world.A;
        var request = await workflow.LogAsync(new NewRequest(a.Merchant.Id, [RequestType.Erasure], RequestChannel.Phone, "fr", a.CustomerName, RequesterPhone: "514-555-0100"));
        int id = a.CustomerId;
        async Task<Guid> V() => (await customers.GetProfileAsync(id))!.Customer.Version;
        static (bool, string?) R(CustomerResult r) => (r.Succeeded, r.Error);

        await Audited("rectify", nameof(Customer), id, async () => R(await actions.RectifyAsync(id, await V(), request.Id, RectifiableField.Phone, "514-555-0199")), missing);
        await Audited("withdraw consent", nameof(Customer), id, async () => R(await actions.SetConsentAsync(id, await V(), request.Id, "Marketing", ConsentChannel.Email, ConsentState.Withdrawn)), missing);
        await Audited("deactivate", nameof(Customer), id, async () => R(await actions.DeactivateAsync(id, await V(), request.Id)), missing);
        await Audited("erase", nameof(Customer), id, async () => R(await actions.EraseAsync(id, await V(), request.Id)), missing);
        Assert.True(missing.Count == 0, "Not audited: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task An_incident_from_creation_to_notices_and_close_is_audited_at_every_step_and_the_chain_verifies()
    {
        await using var scope = Officer();
        var breaches = world.Service<BreachService>(scope);
        var missing = new List<string>();
        var a = world.A;
        IncidentInput Input(string title) => new(a.Merchant.Id, title, "Un courriel envoyé au mauvais destinataire.", "Erreur humaine", "Signalé par le destinataire",
            null, null, DateTimeOffset.UtcNow.AddHours(-5), DateTimeOffset.UtcNow.AddHours(-4), "Messagerie", [DataCategory.Identity, DataCategory.Contact],
            "Nom et courriel", "Rappel du message", "Formation", "Soyez vigilants", null, false);
        var created = await breaches.CreateAsync(Input("Courriel mal adressé"));
        Assert.True(created.Succeeded, created.Error);
        int id = created.Id!.Value;
        Assert.True(await AuditCountAsync(nameof(Incident), id) > 0, "creating an incident is audited");
        async Task<Guid> V() => (await breaches.GetAsync(id))!.Incident.Version;
        static (bool, string?) R(BreachResult r) => (r.Succeeded, r.Error);

        await Audited("update", nameof(Incident), id, async () => R(await breaches.UpdateAsync(id, await V(), Input("Courriel mal adressé (mis à jour)"))), missing);
        await Audited("note with file", nameof(Incident), id, async () => R(await breaches.AddNoteAsync(id, "Capture", "capture.txt", "x"u8.ToArray())), missing);
        await Audited("people by query", nameof(Incident), id, async () => R(await breaches.AddAffectedByQueryAsync(id, new AffectedQuery([DataCategory.Identity], null, null, []))), missing);
        await Audited("person by hand", nameof(Incident), id, async () => R(await breaches.AddPersonAsync(id, "Marie Tiers", "marie@example.com", "fr", "CA", "QC")), missing);
        await Audited("assess", nameof(Incident), id, async () => R(await breaches.AssessAsync(id, BreachRegime.Quebec, RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Medium, "Risque modéré")), missing);
        await Audited("status", nameof(Incident), id, async () => R(await breaches.SetStatusAsync(id, await V(), IncidentStatus.Notifying)), missing);
        var fields = await breaches.FilingFieldsAsync(id, FilingKind.Cai);
        Assert.NotNull(fields);
        long? filingId = null;
        await Audited("filing PDF", nameof(Incident), id, async () => { var f = await breaches.ExportFilingAsync(id, FilingKind.Cai, fields!); filingId = f.FilingId; return R(f.Result); }, missing);
        await Audited("filing marked filed", nameof(Incident), id, async () => R(await breaches.MarkFiledAsync(id, filingId!.Value, DateTimeOffset.UtcNow)), missing);
        await Audited("notices", nameof(Incident), id, async () => R(await breaches.SendNoticesAsync(id, "vie-privee@laval.example")), missing);
        await Audited("close", nameof(Incident), id, async () => R(await breaches.SetStatusAsync(id, await V(), IncidentStatus.Closed)), missing);
        Assert.True(missing.Count == 0, "Not audited: " + string.Join(", ", missing));

        await using var db = world.Host.SystemDb();
        var verification = await AuditVerifier.VerifyAsync(db);
        Assert.True(verification.Ok, verification.ToString());
    }
}
