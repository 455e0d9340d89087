using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Audit;

/// <summary>
/// Writes staged audit records as the next links of the hash chain. Writers are serialised in
/// process (PrivacyDesk is a single-instance app on one SQLite file), and the chain read, the
/// data change and the audit insert share one transaction, so a crash leaves neither.
/// </summary>
internal static class AuditWriter
{
    private static readonly SemaphoreSlim ChainLock = new(1, 1);

    public static async Task<int> SaveChainedAsync(PrivacyDeskDbContext db, List<AuditEntry> pending,
        Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        await ChainLock.WaitAsync(ct);
        var staged = new Dictionary<AuditEntry, long>(ReferenceEqualityComparer.Instance);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null;
            await using var tx = ownTransaction ? await db.Database.BeginWriteAsync(ct) : null;

            foreach (var entry in pending) staged[entry] = entry.Id;
            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
                .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
            var id = last?.Id ?? 0;
            var previous = last?.Hash ?? AuditChain.GenesisHash;
            foreach (var entry in pending)
            {
                entry.Id = ++id;
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.ComputeHash(entry);
                previous = entry.Hash;
            }

            var written = await save(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return written;
        }
        catch
        {
            // Back to their placeholders, so a retry assigns fresh chain ids.
            foreach (var (entry, placeholder) in staged) entry.Id = placeholder;
            throw;
        }
        finally
        {
            ChainLock.Release();
        }
    }
}
