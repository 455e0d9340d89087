using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Audit;

public sealed record AuditVerification(bool Ok, long Records, long? FirstBrokenId, string? Problem);

/// <summary>Walks the audit chain from the first record: each hash must match its content and link to the one before.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(PrivacyDeskDbContext db, CancellationToken ct = default)
    {
        var previous = AuditChain.GenesisHash;
        long count = 0, expectedId = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.Id != ++expectedId)
                return new(false, count, entry.Id, $"record {expectedId} is missing (next is {entry.Id})");
            if (entry.PreviousHash != previous)
                return new(false, count, entry.Id, "does not link to the record before it");
            if (AuditChain.ComputeHash(entry) != entry.Hash)
                return new(false, count, entry.Id, "its content does not match its hash");
            previous = entry.Hash;
        }
        return new(true, count, null, null);
    }
}
