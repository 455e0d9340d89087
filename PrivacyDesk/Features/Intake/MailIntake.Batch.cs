using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake;

/// <summary>A message parsed, hashed and compressed, ready to be written.</summary>
public sealed record PreparedMail(IncomingMail Mail, InboundMessage Inbound, MimeMessage? Message, string? Quarantine);

/// <summary>Messages of one merchant prepared together, written together (<see cref="MailIntake.IngestBatchAsync"/>).</summary>
public sealed record PreparedBatch(int MerchantId, int? SourceId, IReadOnlyList<PreparedMail> Mails);

public sealed partial class MailIntake
{
    /// <summary>
    /// Writes a batch in one transaction: one commit (one fsync on SQLite) for all of it instead of one per
    /// message, which is what a mailbox of thousands of messages waits on. The guarantee is the single path's:
    /// the batch's messages are all in or none, and the source marks them read only after this returns.
    /// Messages already stored (a re-fetch after a crash) and repeats within the batch are duplicates, changing
    /// nothing. If one message breaks (a fault of its own content), another worker stored one of them
    /// meanwhile, or the database refuses one, the batch is rolled back and taken again one message at a time,
    /// where the single path quarantines the faulty one, yields to the other worker's copy, or reports the
    /// refused one as not taken (it stays at its source). A shutdown or an unavailable database is not a
    /// message's fault: it propagates, and nothing of the batch is in.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestBatchAsync(PreparedBatch batch, AuditActor actor, CancellationToken ct)
    {
        if (batch.Mails.Count == 0) return [];
        var merchantId = batch.MerchantId;
        var results = new IngestResult?[batch.Mails.Count];
        var firstInBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var db = WriterContext(merchantId, actor))
        {
            var stored = await StoredAsync(db, merchantId, batch.Mails.Select(m => m.Inbound.DedupeKey).Distinct().ToList(), ct);
            await using var tx = await db.Database.BeginWriteAsync(ct);
            try
            {
                for (var i = 0; i < batch.Mails.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var key = batch.Mails[i].Inbound.DedupeKey;
                    if (stored.TryGetValue(key, out var before)) { results[i] = before; continue; }
                    if (firstInBatch.ContainsKey(key)) continue; // filled in after the commit, from the first copy
                    firstInBatch[key] = i;
                    results[i] = await StoreAsync(db, batch.Mails[i], ct);
                    // Saved (in the transaction): nothing of this message is needed again, and a change tracker
                    // holding the whole batch would make every later save slower.
                    db.ChangeTracker.Clear();
                }
                var commit = Stopwatch.GetTimestamp();
                await tx.CommitAsync(ct);
                meter.Add(IntakePhase.Commit, commit);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StorageUnavailableException))
            {
                await tx.RollbackAsync(ct);
                log.LogWarning("A batch of {Count} messages was rolled back ({Fault}) and is taken one by one", batch.Mails.Count,
                    Hosting.LogSafe.Redact(Failure(e.GetBaseException())));
                return await OneByOneAsync(batch, actor, ct);
            }
        }
        for (var i = 0; i < batch.Mails.Count; i++)
            if (results[i] is { Duplicate: false } written)
            {
                results[i] = written with { InboundId = batch.Mails[i].Inbound.Id };
                LogStored(batch.Mails[i].Inbound, batch.Mails[i].Mail.Origin);
            }
        // A repeat within the batch is a duplicate of the copy stored first.
        return batch.Mails.Select((mail, i) => new IngestOutcome(mail.Mail,
            results[i] ?? results[firstInBatch[mail.Inbound.DedupeKey]]! with { Duplicate = true }, null)).ToList();
    }

    /// <summary>Prepares and writes in one call, for callers with no second core to spare.</summary>
    public Task<IReadOnlyList<IngestOutcome>> IngestBatchAsync(int merchantId, IReadOnlyList<IncomingMail> mails, int? sourceId, AuditActor actor, CancellationToken ct) =>
        IngestBatchAsync(Prepare(merchantId, sourceId, mails), actor, ct);

    private async Task<IReadOnlyList<IngestOutcome>> OneByOneAsync(PreparedBatch batch, AuditActor actor, CancellationToken ct)
    {
        var outcomes = new List<IngestOutcome>(batch.Mails.Count);
        foreach (var p in batch.Mails)
        {
            var m = p.Mail;
            try
            {
                outcomes.Add(new IngestOutcome(m, await IngestAsync(batch.MerchantId, m.Raw, m.Origin, batch.SourceId, actor, m.ReceivedAt, ct, m.Parsed), null));
            }
            catch (Exception e) when (e is not (OperationCanceledException or StorageUnavailableException))
            {
                outcomes.Add(new IngestOutcome(m, null, Failure(e))); // not committed: left at the source for the next pass
            }
        }
        return outcomes;
    }

    /// <summary>The batch's messages already stored, found in one query (a re-fetch after a crash, or another copy of a message).</summary>
    private static async Task<Dictionary<string, IngestResult>> StoredAsync(PrivacyDeskDbContext db, int merchantId, List<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, IngestResult>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            var rows = await db.InboundMessages.AsNoTracking()
                .Where(m => m.MerchantId == merchantId && chunk.Contains(m.DedupeKey))
                .Select(m => new { m.DedupeKey, m.Id, m.Status, m.RequestId, m.QuarantineReason }).ToListAsync(ct);
            if (rows.Count == 0) continue;
            var requestIds = rows.Where(r => r.RequestId != null).Select(r => r.RequestId!.Value).Distinct().ToList();
            var references = await db.Requests.Where(r => requestIds.Contains(r.Id)).Select(r => new { r.Id, r.Reference }).ToDictionaryAsync(r => r.Id, r => r.Reference, ct);
            foreach (var r in rows)
                found[r.DedupeKey] = new IngestResult(r.Status, r.Id, r.RequestId, r.RequestId is int id ? references.GetValueOrDefault(id) : null, true, r.QuarantineReason);
        }
        return found;
    }
}
