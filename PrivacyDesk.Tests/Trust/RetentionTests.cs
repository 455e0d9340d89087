using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Retention;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

public sealed class RetentionTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private int _old, _recent, _open;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        var merchant = await _host.CreateMerchantAsync("laval", "Laval");
        var officer = await _host.CreateUserAsync("o@example.com", [Roles.PrivacyOfficer], merchant.Id);
        await using var scope = _host.ActAs(officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        NewRequest Make(string name) => new(merchant.Id, [RequestType.Access], RequestChannel.Phone, "fr", name, $"{name}@example.com", "514-555-0000",
            "1 rue A", "Objet", "Message personnel", ReceivedAt: DateTimeOffset.UtcNow.AddDays(-2));
        _old = (await workflow.LogAsync(Make("ancien"))).Id;
        _recent = (await workflow.LogAsync(Make("recent"))).Id;
        _open = (await workflow.LogAsync(Make("ouvert"))).Id;
        await workflow.AddNoteAsync(_old, "Note avec des détails personnels", [new NewAttachment("id.pdf", "application/pdf", [1, 2, 3])]);
        await using var db = _host.SystemDb();
        // Closed long ago, behind the app's back (no audit, no timeline), on either provider.
        foreach (var (id, closed) in new[] { (_old, DateTimeOffset.UtcNow.AddDays(-800)), (_recent, DateTimeOffset.UtcNow.AddDays(-100)) })
            await db.Requests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Closed)
                .SetProperty(r => r.Outcome, RequestOutcome.Fulfilled).SetProperty(r => r.ClosedAt, closed));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Requests_closed_past_the_retention_period_lose_their_personal_data_and_keep_their_statistics()
    {
        await using (var setup = _host.SystemDb())
        {
            var merchantId = await setup.Requests.Where(r => r.Id == _old).Select(r => r.MerchantId).SingleAsync();
            setup.PortalLinks.Add(new PrivacyDesk.Features.Portal.PortalLink { MerchantId = merchantId, RequestId = _old, TokenHash = new string('a', 64),
                Email = "ancien@example.com", CreatedAt = DateTimeOffset.UtcNow.AddYears(-3), ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) });
            await setup.SaveChangesAsync();
        }
        var retention = _host.Services.GetRequiredService<RequestRetention>();
        Assert.Equal(1, (await retention.PurgeAsync(dryRun: true)).Requests);
        var report = await retention.PurgeAsync();
        Assert.Equal((1, 1), (report.Requests, report.Attachments));
        Assert.Equal(0, (await retention.PurgeAsync()).Requests); // nothing twice

        await using var db = _host.SystemDb();
        var old = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == _old);
        Assert.Equal((RequestRetention.Purged, null, null, null, "", ""), (old.RequesterName, old.RequesterEmail, old.RequesterPhone, old.RequesterPostalAddress, old.Subject, old.Message));
        Assert.All(old.Events, e => Assert.Null(e.Text));
        Assert.Equal((RequestType.Access, RequestOutcome.Fulfilled), (old.Type, old.Outcome));
        Assert.Equal(0, await db.RequestAttachments.CountAsync());
        var link = await db.PortalLinks.SingleAsync(l => l.RequestId == _old);
        Assert.Equal((RequestRetention.Purged, true), (link.Email, link.RevokedAt is not null)); // the address goes, the link opens nothing
        Assert.Equal("recent@example.com", (await db.Requests.SingleAsync(r => r.Id == _recent)).RequesterEmail);
        Assert.Equal("Message personnel", (await db.Requests.SingleAsync(r => r.Id == _open)).Message);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "request.personal-data-purged"));
        Assert.DoesNotContain("ancien", (await db.AuditEntries.SingleAsync(a => a.Action == "request.personal-data-purged")).Details);
    }

    [Fact]
    public async Task Raw_emails_and_sent_mail_are_purged_with_their_request()
    {
        await using var db0 = _host.SystemDb();
        var merchantId = (await db0.Merchants.SingleAsync()).Id;
        var intake = _host.Services.GetRequiredService<PrivacyDesk.Features.Intake.MailIntake>();
        var raw = System.Text.Encoding.UTF8.GetBytes("From: Jeanne Roy <jeanne@example.com>\r\nSubject: Supprimez mon compte\r\nMessage-ID: <purge-1@example.com>\r\n\r\nJe veux que vous supprimiez mon compte.");
        var r = await intake.IngestAsync(merchantId, raw, "test", null, PrivacyDesk.Data.AuditActor.System);
        var longAgo = DateTimeOffset.UtcNow.AddDays(-800);
        await db0.Requests.Where(x => x.Id == r.RequestId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Closed).SetProperty(x => x.ClosedAt, longAgo));

        var report = await _host.Services.GetRequiredService<RequestRetention>().PurgeAsync();
        Assert.Equal(1, report.Emails);

        await using var db = _host.SystemDb();
        var inbound = await db.InboundMessages.SingleAsync();
        Assert.Empty(inbound.RawGzip);
        Assert.Null(inbound.FromAddress);
        Assert.Null(inbound.Subject);
        Assert.Equal("mid:purge-1@example.com", inbound.DedupeKey); // a redelivery is still recognised, not reopened
        var sent = await db.Outbox.SingleAsync();
        Assert.Equal("", sent.BodyText);
        Assert.DoesNotContain("jeanne", sent.ToAddress);
        Assert.True((await intake.IngestAsync(merchantId, raw, "again", null, PrivacyDesk.Data.AuditActor.System)).Duplicate);
    }
}
