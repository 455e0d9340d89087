using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// Polls every enabled mailbox on its own interval. A failing mailbox records its error (shown in
/// Admin and on /health) and is retried with a growing delay, up to 15 minutes; others carry on.
/// </summary>
public sealed class MailPollingWorker(IDbContextFactory<PrivacyDeskDbContext> factory, IServiceProvider services, TimeProvider clock, Data.Providers.WorkLeases leases,
    ILogger<MailPollingWorker> log) : BackgroundService
{
    public static readonly AuditActor Actor = new("intake", "Mail intake");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (DateTimeOffset Next, int Failures)> _schedule = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (await leases.AcquireAsync("mail-sources-sync", stoppingToken))
            await MailSourceSync.SyncFromSettingsAsync(services, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await PollDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Mail polling pass failed"); }
            // Each mailbox has its own interval (at least 5 s); looking every 5 s is enough and spares the database.
            await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ContinueWith(_ => { });
        }
    }

    public async Task PollDueAsync(CancellationToken ct, bool force = false)
    {
        List<int> ids;
        await using (var db = factory.CreateSystemContext(Actor))
            ids = await db.MailSources.AsNoTracking().Where(s => s.Enabled).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var now = clock.GetUtcNow();
            if (!force && _schedule.TryGetValue(id, out var slot) && slot.Next > now) continue;
            try { await PollOneAsync(id, ct); }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Even recording the outcome failed (the database is held, say): the next mailbox still gets its turn.
                log.LogError(e, "Mailbox {SourceId}: the poll's outcome could not be recorded", id);
                _schedule[id] = (now.AddMinutes(1), _schedule.TryGetValue(id, out var s) ? s.Failures + 1 : 1);
            }
        }
    }

    /// <summary>Polls one mailbox now and records the outcome on it.</summary>
    public async Task<(int Imported, string? Error)> PollOneAsync(int sourceId, CancellationToken ct)
    {
        // One poller per mailbox across the app's nodes: another node polling it now would fetch the same messages
        // (the dedupe key would keep them single, at the cost of the work); the next pass finds them done.
        await using var lease = await leases.AcquireAsync($"mail-source:{sourceId}", ct);
        await using var db = factory.CreateSystemContext(Actor);
        var source = await db.MailSources.FirstOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null) return (0, "No such mailbox.");
        int imported = 0;
        string? error = null;
        try
        {
            imported = source.Kind == MailSourceKind.Imap
                ? await services.GetRequiredService<ImapPoller>().PollAsync(source, Actor, ct)
                : await services.GetRequiredService<MaildirPoller>().PollAsync(source, Actor, ct);
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // Whatever went wrong, it is this mailbox's error: recorded on it (Admin, /health) and retried later;
            // the other mailboxes are polled as usual.
            if (e is PartialPollException partial) imported = partial.Imported;
            error = e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Net.Sockets.SocketException
                        or System.Security.Authentication.AuthenticationException or TimeoutException or ImapException or PartialPollException
                ? e.Message
                : $"{e.GetType().Name}: {e.Message}";
        }
        var now = clock.GetUtcNow();
        source.ImportedCount += imported;
        if (error is null)
        {
            source.LastSuccessAt = now;
            source.LastError = null;
            _schedule[source.Id] = (now.AddSeconds(Math.Max(5, source.PollSeconds)), 0);
        }
        else
        {
            source.LastErrorAt = now;
            source.LastError = error.Length > 500 ? error[..500] : error;
            var failures = _schedule.TryGetValue(source.Id, out var s) ? s.Failures + 1 : 1;
            var delay = TimeSpan.FromSeconds(Math.Min(900, Math.Max(5, source.PollSeconds) * Math.Pow(2, Math.Min(failures, 8))));
            _schedule[source.Id] = (now + delay, failures);
            log.LogWarning("Mailbox {Source} failed ({Failures} in a row), next try in {Delay}: {Error}", source.Name, failures, delay, Hosting.LogSafe.Redact(error));
        }
        await db.SaveChangesAsync(ct);
        return (imported, error);
    }
}
