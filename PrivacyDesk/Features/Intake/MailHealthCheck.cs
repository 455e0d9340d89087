using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// /health's "mail" entry: each enabled mailbox's last success, and Degraded when one is failing
/// (its last error is newer than its last success) or the outbox has given up on a message.
/// Mailbox names only: no addresses, no message content.
/// </summary>
public sealed class MailHealthCheck(IDbContextFactory<PrivacyDeskDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = factory.CreateSystemContext();
        var sources = await db.MailSources.AsNoTracking().Where(s => s.Enabled)
            .Select(s => new { s.Name, s.LastSuccessAt, s.LastErrorAt }).ToListAsync(ct);
        var failedOutbox = await db.Outbox.CountAsync(m => m.Status == Outbox.OutboxStatus.Failed, ct);
        var data = new Dictionary<string, object>();
        // Anonymous monitoring sees numbers, not the mailbox names an admin chose.
        foreach (var (s, i) in sources.Select((s, i) => (s, i + 1))) data[$"mailbox{i}:lastSuccess"] = s.LastSuccessAt?.ToString("O") ?? "never";
        data["outbox:failed"] = failedOutbox;
        var failing = sources.Where(s => s.LastErrorAt is { } e && (s.LastSuccessAt is null || e > s.LastSuccessAt)).Select(s => s.Name).ToList();
        if (failing.Count > 0) return HealthCheckResult.Degraded($"{failing.Count} of {sources.Count} mailboxes failing (see Admin > Mailboxes).", data: data);
        if (failedOutbox > 0) return HealthCheckResult.Degraded($"{failedOutbox} outgoing messages could not be sent.", data: data);
        return HealthCheckResult.Healthy($"{sources.Count} mailboxes", data);
    }
}
