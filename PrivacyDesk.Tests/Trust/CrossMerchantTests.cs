using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Reports;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Queue;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Staff of merchant A ask every service that reads merchant data for merchant B's records, by id,
/// by search and in lists: they get nothing, and nothing of B changes. Each service is asked by the
/// most powerful merchant-bound role allowed to call it.
/// </summary>
public sealed class CrossMerchantTests(TwoMerchantWorld world) : IClassFixture<TwoMerchantWorld>
{
    private MerchantRecords A => world.A;
    private MerchantRecords B => world.B;

    private Microsoft.Extensions.DependencyInjection.AsyncServiceScope As(string role) => world.Host.ActAs(world.StaffOfA[role]);

    [Theory]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.SupportRep)]
    public async Task Requests_of_B_are_not_found_by_id_listed_in_the_queue_or_searched(string role)
    {
        await using var scope = As(role);
        var workflow = world.Service<RequestWorkflow>(scope);
        Assert.NotNull(await workflow.GetAsync(A.RequestId));
        Assert.Null(await workflow.GetAsync(B.RequestId));
        Assert.Null(await workflow.DownloadAttachmentAsync(B.RequestId, B.AttachmentId));
        // B's file through A's request id: the attachment is looked up within the request and the scope.
        Assert.Null(await workflow.DownloadAttachmentAsync(A.RequestId, B.AttachmentId));

        var queue = world.Service<RequestQueue>(scope);
        var all = await queue.QueryAsync(new QueueQuery(new QueueFilter { OpenOnly = false }, Take: 500));
        Assert.Contains(all.Rows, r => r.Reference == A.Reference);
        Assert.DoesNotContain(all.Rows, r => r.MerchantId == B.Merchant.Id);
        // B's reference may appear in A's own mail (someone quoting it); B's request itself never does.
        foreach (var text in new[] { B.Reference, "Marchand" })
        {
            var searched = await queue.QueryAsync(new QueueQuery(new QueueFilter { OpenOnly = false, Search = text }, Take: 50));
            Assert.DoesNotContain(searched.Rows, r => r.MerchantId == B.Merchant.Id);
        }
        var byMerchant = await queue.QueryAsync(new QueueQuery(new QueueFilter { OpenOnly = false, MerchantId = B.Merchant.Id }, Take: 50));
        Assert.Empty(byMerchant.Rows);
        Assert.Empty(await workflow.AssigneesAsync(B.Merchant.Id));
    }

    [Fact]
    public async Task Changes_to_B_requests_are_refused_and_leave_them_untouched()
    {
        var before = await SnapshotAsync();
        await using (var scope = As(Roles.PrivacyOfficer))
        {
            var workflow = world.Service<RequestWorkflow>(scope);
            Assert.False((await workflow.AddNoteAsync(B.RequestId, "note")).Succeeded);
            Assert.False((await workflow.AssignAsync(B.RequestId, null, null)).Succeeded);
            Assert.False((await workflow.DecideAsync(B.RequestId, Guid.Empty, RequestOutcome.Refused, "non")).Succeeded);
            Assert.False((await workflow.ReplyAsync(B.RequestId, "zoe@example.fr", "Objet", "Texte")).Succeeded);
            Assert.Equal(0, await workflow.BulkAssignAsync([B.RequestId], null));
            // A's request cannot be merged into B's, nor linked to B's customer.
            var mine = (await workflow.GetAsync(A.RequestId))!;
            Assert.False((await workflow.MergeAsync(A.RequestId, mine.Version, B.RequestId)).Succeeded);
            Assert.False((await workflow.LinkCustomerAsync(A.RequestId, mine.Version, B.CustomerId)).Succeeded);
            // Logging a request for B is refused as for a merchant that does not exist (B's existence is not revealed).
            var refused = await Assert.ThrowsAsync<RequestValidationException>(() => workflow.LogAsync(new NewRequest(B.Merchant.Id, [RequestType.Access], RequestChannel.Phone, "fr", "Intrus", RequesterPhone: "514-555-0199")));
            Assert.Contains("merchant", refused.Errors.Keys);

            var documents = world.Service<DocumentService>(scope);
            Assert.False((await documents.GenerateAccessResponseAsync(B.RequestId)).Succeeded);
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.SupportRep)]
    public async Task Customers_of_B_are_not_found_by_search_or_id_and_cannot_be_changed(string role)
    {
        await using var scope = As(role);
        var customers = world.Service<CustomerService>(scope);
        Assert.Contains(await customers.SearchAsync("Tremblay"), h => h.Id == A.CustomerId);
        Assert.Empty(await customers.SearchAsync("Marchand"));
        Assert.Empty(await customers.SearchAsync("zoe@example.fr"));
        Assert.Null(await customers.GetProfileAsync(B.CustomerId));
        Assert.DoesNotContain(await customers.RetentionReviewAsync(), h => h.MerchantId == B.Merchant.Id);

        if (role != Roles.PrivacyOfficer) return;
        var actions = world.Service<CustomerActions>(scope);
        var rectified = await actions.RectifyAsync(B.CustomerId, Guid.Empty, A.RequestId, RectifiableField.LastName, "Pirate");
        Assert.False(rectified.Succeeded);
        Assert.False((await actions.EraseAsync(B.CustomerId, Guid.Empty, A.RequestId)).Succeeded);
        await using var db = world.Host.SystemDb();
        Assert.Equal("Marchand", (await db.Customers.SingleAsync(c => c.Id == B.CustomerId)).LastName);
    }

    [Fact]
    public async Task The_data_inventory_of_B_is_not_readable()
    {
        await using var scope = As(Roles.PrivacyOfficer);
        var inventory = world.Service<InventoryService>(scope);
        Assert.NotEmpty(await inventory.ListAsync(A.Merchant.Id));
        Assert.Empty(await inventory.ListAsync(B.Merchant.Id));
    }

    [Theory]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.Manager)]
    public async Task Incidents_of_B_are_not_listed_opened_downloaded_or_in_the_register(string role)
    {
        await using var scope = As(role);
        var breaches = world.Service<BreachService>(scope);
        var list = await breaches.ListAsync();
        Assert.Contains(list, i => i.Id == A.IncidentId);
        Assert.DoesNotContain(list, i => i.MerchantId == B.Merchant.Id);
        Assert.Null(await breaches.GetAsync(B.IncidentId));
        Assert.Null(await breaches.DownloadAsync(B.IncidentId, B.IncidentFileEventId));
        Assert.Null(await breaches.DownloadAsync(A.IncidentId, B.IncidentFileEventId));
        var register = await breaches.RegisterAsync();
        Assert.Contains(register, r => r.Id == A.IncidentId);
        Assert.DoesNotContain(register, r => r.Id == B.IncidentId);
    }

    [Fact]
    public async Task Incidents_of_B_cannot_be_changed_nor_take_B_customers()
    {
        await using (var scope = As(Roles.PrivacyOfficer))
        {
            var breaches = world.Service<BreachService>(scope);
            Assert.False((await breaches.AddNoteAsync(B.IncidentId, "note")).Succeeded);
            Assert.False((await breaches.SetStatusAsync(B.IncidentId, Guid.Empty, IncidentStatus.Closed)).Succeeded);
            // A's incident queried by B's account number: the line is reported unknown, nobody added.
            var byList = await breaches.AddAffectedByListAsync(A.IncidentId, $"{B.Merchant.Id}-Marchand\nzoe@example.fr");
            Assert.Equal(0, byList.Count);
            var byQuery = await breaches.AddAffectedByQueryAsync(A.IncidentId, new AffectedQuery([DataCategory.Identity], null, null, []));
            Assert.True(byQuery.Succeeded, byQuery.Error);
            var view = (await breaches.GetAsync(A.IncidentId))!;
            Assert.DoesNotContain(view.People, p => p.CustomerId == B.CustomerId || p.Name.Contains("Marchand", StringComparison.Ordinal));
        }
        await using var db = world.Host.SystemDb();
        Assert.Equal(1, await db.IncidentEvents.CountAsync(e => e.IncidentId == B.IncidentId && e.Text == "Rapport de police"));
        Assert.Equal(IncidentStatus.Open, (await db.Incidents.SingleAsync(i => i.Id == B.IncidentId)).Status);
    }

    [Theory]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.SupportRep)]
    public async Task Mail_of_B_is_not_shown_downloaded_or_released(string role)
    {
        await using var scope = As(role);
        var mail = world.Service<MailboxService>(scope);
        Assert.NotNull(await mail.GetAsync(A.InboundId));
        Assert.Null(await mail.GetAsync(B.InboundId));
        Assert.Null(await mail.GetAsync(B.QuarantinedId));
        Assert.Empty(await mail.ForRequestAsync(B.RequestId));
        if (role != Roles.PrivacyOfficer) return;
        var quarantine = await mail.QuarantineAsync();
        Assert.Contains(quarantine, m => m.Id == A.QuarantinedId);
        Assert.DoesNotContain(quarantine, m => m.MerchantId == B.Merchant.Id);
        Assert.Null(await mail.DownloadOriginalAsync(B.InboundId));
        Assert.False((await mail.ReleaseAsync(B.QuarantinedId, Guid.Empty, [RequestType.Access], "fr", "Intrus", null)).Succeeded);
        Assert.False((await mail.DismissAsync(B.QuarantinedId, Guid.Empty, "non")).Succeeded);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => mail.UploadAsync(B.Merchant.Id, "x.eml", new MemoryStream("From: a@b.c\r\n\r\nx"u8.ToArray())));
    }

    [Fact]
    public async Task A_reply_to_merchant_A_quoting_a_reference_of_B_does_not_join_B_request()
    {
        await using var scope = As(Roles.PrivacyOfficer);
        var raw = Encoding.UTF8.GetBytes($"From: Zoé <zoe@example.fr>\r\nTo: a@laval.example\r\nSubject: Re: [{B.Reference}] Accès\r\nMessage-ID: <{Guid.NewGuid():N}@x>\r\n\r\nJe veux l'accès à mes données.\r\n");
        var result = await world.Service<MailIntake>(scope).IngestAsync(A.Merchant.Id, raw, "test", null, new AuditActor("test", "Test"));
        Assert.NotEqual(B.RequestId, result.RequestId);
        await using var db = world.Host.SystemDb();
        Assert.DoesNotContain(await db.InboundMessages.Where(m => m.RequestId == B.RequestId).Select(m => m.MerchantId).ToListAsync(), id => id == A.Merchant.Id);
    }

    [Fact]
    public async Task Reports_count_only_A_even_when_B_is_asked_for()
    {
        await using var scope = As(Roles.Manager);
        var reports = world.Service<ReportService>(scope);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var mine = await reports.BuildAsync(new ReportQuery(today.AddDays(-30), today.AddDays(1), []));
        Assert.Equal(["Informatique Laval"], mine.Merchants);
        Assert.DoesNotContain(mine.Incidents, i => i.Title.Contains("Boutique Paris", StringComparison.Ordinal));
        var asked = await reports.BuildAsync(new ReportQuery(today.AddDays(-30), today.AddDays(1), [B.Merchant.Id]));
        Assert.Equal(0, asked.Received);
        Assert.Empty(asked.Incidents);
        Assert.DoesNotContain("Boutique Paris", asked.Merchants);
    }

    [Fact]
    public async Task Merchant_settings_and_mailboxes_of_B_are_not_visible()
    {
        await using var scope = As(Roles.PrivacyOfficer);
        Assert.Null(await world.Service<MerchantService>(scope).FindAsync(B.Merchant.Id));
        Assert.DoesNotContain(await world.Service<MerchantService>(scope).ListAsync(), m => m.Id == B.Merchant.Id);
    }

    /// <summary>Everything of B that a cross-merchant write could touch, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = world.Host.SystemDb();
        var r = await db.Requests.AsNoTracking().SingleAsync(x => x.Id == B.RequestId);
        var events = await db.RequestEvents.CountAsync(e => e.RequestId == B.RequestId);
        var c = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == B.CustomerId);
        return $"{r.Status}|{r.Version}|{r.AssigneeName}|{r.Outcome}|{r.CustomerId}|{events}|{c.LastName}|{c.Version}";
    }
}
