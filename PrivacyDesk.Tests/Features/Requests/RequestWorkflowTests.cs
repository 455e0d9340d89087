using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Requests;

public sealed class RequestWorkflowTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private Merchant _laval = null!, _paris = null!;
    private string _officer = null!, _rep = null!, _manager = null!, _parisOfficer = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _laval = await _host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        _paris = await _host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        _officer = await _host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], _laval.Id);
        _rep = await _host.CreateUserAsync("rep@laval.example", [Roles.SupportRep], _laval.Id);
        _manager = await _host.CreateUserAsync("manager@laval.example", [Roles.Manager], _laval.Id);
        _parisOfficer = await _host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], _paris.Id);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private NewRequest Phone(RequestType type = RequestType.Access, string email = "helene@example.com", int? merchant = null) =>
        new(merchant ?? _laval.Id, [type], RequestChannel.Phone, "fr", "Hélène Tremblay", email, "514-555-0101",
            Message: "Je veux une copie de mes renseignements.", ReceivedAt: DateTimeOffset.UtcNow.AddHours(-1));

    private async Task<PrivacyRequest> LogAsync(string userId, NewRequest cmd)
    {
        await using var scope = _host.ActAs(userId);
        return await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().LogAsync(cmd);
    }

    [Fact]
    public async Task A_logged_request_gets_a_reference_quebec_deadlines_a_timeline_and_an_audit_record()
    {
        var request = await LogAsync(_rep, Phone());

        Assert.Matches(@"^PD-\d{4}-\d{6}$", request.Reference);
        Assert.Equal(Jurisdiction.Quebec, request.Jurisdiction);
        var expected = DeadlineCalculator.Compute(new DeadlineInput(Jurisdiction.Quebec, request.ReceivedAt,
            JurisdictionCodes.TimeZoneFor("CA", "QC"), CalendarRegion.Quebec));
        Assert.Equal(expected.LegalDue, request.LegalDue);
        Assert.Equal(expected.AcknowledgementDue, request.AcknowledgementDue);
        Assert.Equal(RequestStatus.New, request.Status);

        await using var db = _host.SystemDb();
        Assert.Equal(RequestEventKind.Created, (await db.RequestEvents.SingleAsync(e => e.RequestId == request.Id)).Kind);
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "request.created");
    }

    [Fact]
    public async Task References_are_unique_and_sequential()
    {
        var a = await LogAsync(_rep, Phone(email: "a@example.com"));
        var b = await LogAsync(_rep, Phone(email: "b@example.com"));
        Assert.NotEqual(a.Reference, b.Reference);
        Assert.Equal(int.Parse(a.Reference[^6..]) + 1, int.Parse(b.Reference[^6..]));
    }

    [Fact]
    public async Task Invalid_requests_name_each_bad_field_and_create_nothing()
    {
        var bad = new NewRequest(_laval.Id, [], RequestChannel.Phone, "de", " ", RequesterEmail: "not-an-email", ReceivedAt: DateTimeOffset.UtcNow.AddDays(2));
        await using var scope = _host.ActAs(_rep);
        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => scope.ServiceProvider.GetRequiredService<RequestWorkflow>().LogAsync(bad));
        Assert.Equal(["language", "receivedAt", "requester.email", "requester.name", "type"], ex.Errors.Keys.Order());
        await using var db = _host.SystemDb();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task Disclosure_is_refused_until_identity_is_verified()
    {
        var request = await LogAsync(_rep, Phone());
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();

        var refused = await workflow.DecideAsync(request.Id, request.Version, RequestOutcome.Fulfilled, "Here is your data");
        Assert.False(refused.Succeeded);

        var verified = await workflow.VerifyIdentityAsync(request.Id, request.Version, IdentityVerificationMethod.CallbackToKnownNumber, "Called back 514-555-0101");
        Assert.True(verified.Succeeded, verified.Error);
        var decided = await workflow.DecideAsync(request.Id, verified.Request!.Version, RequestOutcome.Fulfilled, "Copy sent by mail");
        Assert.True(decided.Succeeded, decided.Error);
        Assert.Equal(RequestStatus.Decided, decided.Request!.Status);
    }

    [Fact]
    public async Task Merging_a_verified_duplicate_never_carries_its_verification_over()
    {
        var first = await LogAsync(_rep, Phone());
        var second = await LogAsync(_rep, Phone());
        Assert.Equal(first.Id, second.PossibleDuplicateOfId);

        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var verifiedDup = await workflow.VerifyIdentityAsync(second.Id, second.Version, IdentityVerificationMethod.DocumentChecked, "Driver's licence");
        var merged = await workflow.MergeAsync(second.Id, verifiedDup.Request!.Version, first.Id);
        Assert.True(merged.Succeeded, merged.Error);

        var kept = (await workflow.GetAsync(first.Id))!;
        Assert.Null(kept.VerifiedAt);
        Assert.Contains(kept.Events, e => e.Kind == RequestEventKind.Merged);
        var gone = (await workflow.GetAsync(second.Id))!;
        Assert.Equal(RequestStatus.Merged, gone.Status);
        Assert.Contains(gone.Events, e => e.Kind == RequestEventKind.Verified); // both timelines kept

        var disclose = await workflow.DecideAsync(first.Id, kept.Version, RequestOutcome.Fulfilled, "Data sent");
        Assert.False(disclose.Succeeded);
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_with_a_message()
    {
        var request = await LogAsync(_rep, Phone(RequestType.Erasure));
        await using var scope = _host.ActAs(_officer);
        var result = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().CloseAsync(request.Id, request.Version);
        Assert.False(result.Succeeded);
        Assert.Contains("New", result.Error);
    }

    [Fact]
    public async Task A_refusal_needs_a_ground_the_person_can_read()
    {
        var request = await LogAsync(_rep, Phone(RequestType.Erasure));
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.True((await workflow.AcknowledgeAsync(request.Id, request.Version)).Succeeded);
        var current = (await workflow.GetAsync(request.Id))!;
        var terse = await workflow.DecideAsync(request.Id, current.Version, RequestOutcome.Refused, "x");
        Assert.False(terse.Succeeded);
        Assert.Contains("20", terse.Error);
        const string reason = "Nous devons conserver vos factures six ans (Loi sur l'administration fiscale, art. 35).";
        var groundless = await workflow.DecideAsync(request.Id, current.Version, RequestOutcome.Refused, reason);
        Assert.False(groundless.Succeeded);
        Assert.Contains("ground in law", groundless.Error);
        // Quebec gives an enterprise no "manifestly unfounded" ground (only the CAI may allow a request to be disregarded).
        var foreign = await workflow.DecideAsync(request.Id, current.Version, RequestOutcome.Refused, reason, RefusalGround.ManifestlyUnfoundedOrExcessive);
        Assert.False(foreign.Succeeded);
        Assert.Contains("not a ground", foreign.Error);
        var reasoned = await workflow.DecideAsync(request.Id, current.Version, RequestOutcome.Refused, reason, RefusalGround.LegalObligationToKeep);
        Assert.True(reasoned.Succeeded, reasoned.Error);
        Assert.Equal(RefusalGround.LegalObligationToKeep, (await workflow.GetAsync(request.Id))!.RefusalGround);
    }

    [Fact]
    public async Task A_stale_version_is_reported_not_overwritten()
    {
        var request = await LogAsync(_rep, Phone(RequestType.Erasure));
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.True((await workflow.AcknowledgeAsync(request.Id, request.Version)).Succeeded);

        var stale = await workflow.DecideAsync(request.Id, request.Version, RequestOutcome.Refused, "No data");
        Assert.True(stale.Conflict);
        Assert.Equal(RequestStatus.Acknowledged, (await workflow.GetAsync(request.Id))!.Status);
    }

    [Fact]
    public async Task Quebec_requests_cannot_be_extended_and_gdpr_ones_can_with_a_reason()
    {
        var quebec = await LogAsync(_rep, Phone(RequestType.Erasure));
        await using (var scope = _host.ActAs(_officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().ExtendAsync(quebec.Id, quebec.Version, "Large volume");
            Assert.False(result.Succeeded);
        }

        var french = await LogAsync(_parisOfficer, Phone(RequestType.Access, merchant: _paris.Id));
        Assert.Equal(Jurisdiction.Gdpr, french.Jurisdiction);
        await using (var scope = _host.ActAs(_parisOfficer))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            Assert.False((await workflow.ExtendAsync(french.Id, french.Version, " ")).Succeeded);
            var extended = await workflow.ExtendAsync(french.Id, french.Version, "Demande complexe : plusieurs systèmes");
            Assert.True(extended.Succeeded, extended.Error);
            Assert.Equal(extended.Request!.ExtendedDue, extended.Request.EffectiveDue);
            Assert.True(extended.Request.ExtendedDue > french.LegalDue.AddDays(55));
        }
    }

    [Fact]
    public async Task Roles_limit_what_staff_can_do()
    {
        var request = await LogAsync(_rep, Phone(RequestType.Objection));
        await using (var scope = _host.ActAs(_rep))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            Assert.True((await workflow.AddNoteAsync(request.Id, "Caller will send a letter")).Succeeded);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workflow.DecideAsync(request.Id, request.Version, RequestOutcome.Refused, "x"));
        }
        await using (var scope = _host.ActAs(_manager))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workflow.AddNoteAsync(request.Id, "x"));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workflow.LogAsync(Phone()));
        }
    }

    [Fact]
    public async Task Staff_of_another_merchant_can_neither_see_nor_touch_a_request()
    {
        var request = await LogAsync(_rep, Phone());
        await using var scope = _host.ActAs(_parisOfficer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.Null(await workflow.GetAsync(request.Id));
        Assert.False((await workflow.AddNoteAsync(request.Id, "peek")).Succeeded);
        var page = await scope.ServiceProvider.GetRequiredService<RequestQueue>().QueryAsync(new QueueQuery(new QueueFilter { OpenOnly = false }));
        Assert.Equal(0, page.Total);
        // The other merchant does not even exist for them.
        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => workflow.LogAsync(Phone(merchant: _laval.Id)));
        Assert.Contains("merchant", ex.Errors.Keys);
    }

    [Fact]
    public async Task The_queue_filters_searches_accent_insensitively_sorts_and_pages()
    {
        await LogAsync(_rep, Phone(RequestType.Access, "h1@example.com"));
        await LogAsync(_rep, Phone(RequestType.Erasure, "h2@example.com") with { RequesterName = "Jean Côté", ReceivedAt = DateTimeOffset.UtcNow.AddDays(-40) });
        await LogAsync(_rep, Phone(RequestType.Rectification, "h3@example.com") with { RequesterName = "Zoé Lavoie", Language = "en" });

        await using var scope = _host.ActAs(_officer);
        var queue = scope.ServiceProvider.GetRequiredService<RequestQueue>();
        Assert.Equal(3, (await queue.QueryAsync(new QueueQuery(new QueueFilter()))).Total);
        Assert.Equal(["Hélène Tremblay"], (await queue.QueryAsync(new QueueQuery(new QueueFilter { Search = "helene TREMB" }))).Rows.Select(r => r.RequesterName));
        Assert.Equal(["Jean Côté"], (await queue.QueryAsync(new QueueQuery(new QueueFilter { OverdueOnly = true }))).Rows.Select(r => r.RequesterName));
        Assert.Equal(["Zoé Lavoie"], (await queue.QueryAsync(new QueueQuery(new QueueFilter { Language = "en" }))).Rows.Select(r => r.RequesterName));
        Assert.Equal(["Jean Côté"], (await queue.QueryAsync(new QueueQuery(new QueueFilter { Type = RequestType.Erasure }))).Rows.Select(r => r.RequesterName));

        var byDue = await queue.QueryAsync(new QueueQuery(new QueueFilter(), QueueSortColumn.Due, Take: 2));
        Assert.Equal(3, byDue.Total);
        Assert.Equal(2, byDue.Rows.Count);
        Assert.Equal("Jean Côté", byDue.Rows[0].RequesterName);

        var saved = await queue.SaveFilterAsync("Overdue", new QueueFilter { OverdueOnly = true });
        Assert.True(RequestQueue.Parse((await queue.SavedFiltersAsync()).Single(f => f.Id == saved.Id)).OverdueOnly);
    }

    [Fact]
    public async Task Bulk_assign_assigns_each_selected_request_and_audits_it()
    {
        var a = await LogAsync(_rep, Phone(email: "x1@example.com"));
        var b = await LogAsync(_rep, Phone(email: "x2@example.com"));
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var me = (await workflow.AssigneesAsync(_laval.Id)).Single(x => x.Id == _officer);
        Assert.Equal(2, await workflow.BulkAssignAsync([a.Id, b.Id], me));
        await using var db = _host.SystemDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "request.assigned"));
        Assert.All(await db.Requests.ToListAsync(), r => Assert.Equal(_officer, r.AssigneeId));
    }

    [Fact]
    public async Task Attachments_are_kept_with_the_note_and_downloads_are_scoped_and_audited()
    {
        var request = await LogAsync(_rep, Phone());
        var bytes = "<html><script>alert(1)</script></html>"u8.ToArray();
        await using (var scope = _host.ActAs(_rep))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var tooBig = await workflow.AddNoteAsync(request.Id, "big", [new NewAttachment("big.bin", "application/octet-stream", new byte[RequestWorkflow.MaxAttachmentBytes + 1])]);
            Assert.False(tooBig.Succeeded);
            Assert.True((await workflow.AddNoteAsync(request.Id, "Lettre reçue", [new NewAttachment("lettre.html", "text/html", bytes)])).Succeeded);
        }
        await using (var scope = _host.ActAs(_officer))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var file = (await workflow.GetAsync(request.Id))!.Events.SelectMany(e => e.Attachments).Single();
            Assert.Equal("lettre.html", file.FileName);
            Assert.Empty(file.Content); // the page never loads file contents
            var download = await workflow.DownloadAttachmentAsync(request.Id, file.Id);
            Assert.Equal(bytes, download!.Content);
        }
        await using (var scope = _host.ActAs(_parisOfficer))
        {
            await using var db = _host.SystemDb();
            var id = await db.RequestAttachments.Select(a => a.Id).SingleAsync();
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().DownloadAttachmentAsync(request.Id, id));
        }
        await using var check = _host.SystemDb();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "request.attachment-downloaded"));
    }

    [Fact]
    public async Task An_extension_queues_the_notice_in_the_requesters_language_with_the_reason()
    {
        var french = await LogAsync(_parisOfficer, Phone(RequestType.Access, merchant: _paris.Id));
        await using var scope = _host.ActAs(_parisOfficer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.True((await workflow.ExtendAsync(french.Id, french.Version, "Plusieurs systèmes à consulter")).Succeeded);
        var notice = (await workflow.GetAsync(french.Id))!.Events.Single(e => e.Kind == RequestEventKind.Reply);
        Assert.Contains("Plusieurs systèmes à consulter", notice.Text);
        // Paris answers under the GDPR: its own ground for the extension and the CNIL with its address, in France's French.
        Assert.Contains("article 12, paragraphe 3, du Règlement général", notice.Text);
        Assert.Contains("deux mois", notice.Text);
        Assert.Contains("3 Place de Fontenoy", notice.Text);
        Assert.Contains("données personnelles", notice.Text);
        Assert.DoesNotContain("renseignements personnels", notice.Text);
        Assert.Contains("Délégué(e) à la protection des données", notice.Text);
        Assert.Contains(french.Reference, notice.Data);
        Assert.Contains("queued", notice.Data);
    }

    [Fact]
    public async Task An_admin_sees_every_merchants_requests_in_the_queue()
    {
        await LogAsync(_rep, Phone());
        await LogAsync(_parisOfficer, Phone(merchant: _paris.Id));
        var admin = await _host.CreateUserAsync("admin@example.com", [Roles.Admin]);
        await using var scope = _host.ActAs(admin);
        var page = await scope.ServiceProvider.GetRequiredService<RequestQueue>().QueryAsync(new QueueQuery(new QueueFilter()));
        Assert.Equal(2, page.Total);
        Assert.Equal(2, page.Rows.Count);
    }
}
