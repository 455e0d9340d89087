using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Requests.Retention;

/// <summary>Section "Retention".</summary>
public sealed class RetentionOptions
{
    /// <summary>Days after a request is closed before its requester's personal data is purged (Osano's 730 by default).</summary>
    public int ClosedRequestDays { get; set; } = 730;
}

public sealed record PurgeReport(int Requests, int Attachments, int Emails = 0);

/// <summary>
/// Purges the personal data of requests closed longer than the retention period: the requester's
/// identity and words, notes, replies and attachments go; the reference, types, channel, regime,
/// dates, outcome and timeline skeleton stay, so statistics and the audit trail still add up.
/// </summary>
public sealed class RequestRetention(IDbContextFactory<PrivacyDeskDbContext> factory, IOptions<RetentionOptions> options, TimeProvider clock,
    Data.Providers.WorkLeases leases)
{
    private static readonly RequestStatus[] Finished = [RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Merged];

    public async Task<PurgeReport> PurgeAsync(bool dryRun = false, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.ClosedRequestDays);
        await using var lease = await leases.AcquireAsync("retention", ct);
        await using var db = factory.CreateSystemContext(new AuditActor("retention", "Retention"));
        var due = await db.Requests.Where(r => Finished.Contains(r.Status) && r.ClosedAt != null && r.ClosedAt < cutoff && r.RequesterName != Purged)
            .Select(r => new { r.Id, r.MerchantId, r.Reference }).ToListAsync(ct);
        if (dryRun || due.Count == 0) return new PurgeReport(due.Count, 0);

        var ids = due.Select(d => d.Id).ToList();
        await using var tx = await db.Database.BeginWriteAsync(ct);
        var attachments = await db.RequestAttachments.Where(a => db.RequestEvents.Any(e => e.Id == a.EventId && ids.Contains(e.RequestId))).ExecuteDeleteAsync(ct);
        await db.RequestEvents.Where(e => ids.Contains(e.RequestId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, (string?)null).SetProperty(e => e.Data, (string?)null), ct);
        // The raw emails and what we sent go with the request: the message, its sender and subject; the dedupe key stays so a late redelivery is still recognised.
        var emails = await db.InboundMessages.Where(m => m.RequestId != null && ids.Contains(m.RequestId.Value)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.RawGzip, Array.Empty<byte>()).SetProperty(m => m.RawSize, 0L).SetProperty(m => m.FromAddress, (string?)null)
            .SetProperty(m => m.FromName, (string?)null).SetProperty(m => m.Subject, (string?)null).SetProperty(m => m.Classification, (string?)null)
            .SetProperty(m => m.OmittedAttachments, (string?)null), ct);
        await db.Outbox.Where(m => m.RequestId != null && ids.Contains(m.RequestId.Value)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ToAddress, Purged).SetProperty(m => m.ToName, (string?)null).SetProperty(m => m.Subject, Purged).SetProperty(m => m.BodyText, ""), ct);
        // The portal's links: the address they were sent to goes, and none of them opens anything any more.
        var now = clock.GetUtcNow();
        await db.PortalLinks.Where(l => ids.Contains(l.RequestId) && l.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        await db.PortalLinks.Where(l => ids.Contains(l.RequestId)).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Email, Purged).SetProperty(l => l.CodeHash, (string?)null), ct);
        await db.Requests.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.RequesterName, Purged).SetProperty(r => r.RequesterEmail, (string?)null).SetProperty(r => r.RequesterPhone, (string?)null)
            .SetProperty(r => r.RequesterPostalAddress, (string?)null).SetProperty(r => r.AgentName, (string?)null).SetProperty(r => r.AgentRelationship, (string?)null)
            .SetProperty(r => r.AgentProofOfAuthority, (string?)null).SetProperty(r => r.Subject, "").SetProperty(r => r.Message, "")
            .SetProperty(r => r.VerificationEvidence, (string?)null).SetProperty(r => r.Classification, (string?)null)
            .SetProperty(r => r.CustomerCandidates, (string?)null).SetProperty(r => r.SearchText, r => r.Reference.ToLower()), ct);
        // The audit keeps that it happened, not what was purged.
        foreach (var r in due) db.Audit("request.personal-data-purged", nameof(PrivacyRequest), r.Id, r.MerchantId, new { r.Reference, retentionDays = options.Value.ClosedRequestDays });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PurgeReport(due.Count, attachments, emails);
    }

    public const string Purged = "—";
}

/// <summary>Runs the purge once a day while the app serves.</summary>
public sealed class RetentionWorker(RequestRetention retention, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try
            {
                var report = await retention.PurgeAsync(ct: stoppingToken);
                if (report.Requests > 0) logger.LogInformation("Retention purged the personal data of {Count} closed requests", report.Requests);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention purge failed; it will be tried again tomorrow");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
