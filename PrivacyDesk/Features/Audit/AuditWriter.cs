using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Audit;

/// <summary>
/// Writes staged audit records as the next links of the hash chain. Writers are serialised: on SQLite in
/// process by a lock (and SQLite's single writer across processes on one file); on PostgreSQL, within and
/// across app nodes, by a transaction advisory lock taken before the chain's last link is read. The chain read, the
/// data change and the audit insert share one transaction, so a crash leaves neither.
/// </summary>
internal static class AuditWriter
{
    private static readonly SemaphoreSlim ChainLock = new(1, 1);
    private static readonly long ChainKey = Data.Providers.WorkLeases.KeyOf("audit-chain");

    public static async Task<int> SaveChainedAsync(PrivacyDeskDbContext db, List<AuditEntry> pending,
        Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        // On PostgreSQL the transaction advisory lock alone serialises the append, in this process as across nodes.
        // Holding the process lock too would deadlock: a transaction that appended once keeps the advisory lock
        // until it commits, and its next append would wait for the process lock held by a writer waiting on it.
        // On SQLite, a save inside an open transaction already holds the database's single write lock (BEGIN IMMEDIATE):
        // no other writer can append, so it takes no process lock. Taking it there inverted the lock order with a writer
        // that holds the process lock and waits at BEGIN (a mail batch holds the write lock for many saves).
        var processLock = !db.IsPostgres && db.Database.CurrentTransaction is null;
        if (processLock) await ChainLock.WaitAsync(ct);
        var staged = new Dictionary<AuditEntry, long>(ReferenceEqualityComparer.Instance);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null;
            await using var tx = ownTransaction ? await db.Database.BeginWriteAsync(ct) : null;

            if (db.IsPostgres)
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainKey})", ct);
            foreach (var entry in pending) staged[entry] = entry.Id;
            // Within one transaction that already appended, the last link is the one it wrote: no other writer can
            // append before it commits (SQLite's single writer; the advisory lock on PostgreSQL), so it is not read again.
            var transaction = db.Database.CurrentTransaction;
            long id;
            string previous;
            if (transaction is not null && db.ChainHead is { } head && ReferenceEquals(head.Transaction, transaction))
                (id, previous) = (head.Id, head.Hash);
            else
            {
                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
                    .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
                (id, previous) = (last?.Id ?? 0, last?.Hash ?? AuditChain.GenesisHash);
            }
            foreach (var entry in pending)
            {
                entry.Id = ++id;
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.ComputeHash(entry);
                previous = entry.Hash;
            }

            var written = await save(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            else if (transaction is not null) db.ChainHead = (transaction, id, previous);
            return written;
        }
        catch
        {
            db.ChainHead = null;
            // Back to their placeholders, so a retry assigns fresh chain ids.
            foreach (var (entry, placeholder) in staged) entry.Id = placeholder;
            throw;
        }
        finally
        {
            if (processLock) ChainLock.Release();
        }
    }
}
