using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using System.Diagnostics;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// One IMAP pass through MailKit, in batches: a batch of unseen messages (or all, when processed mail is
/// moved away) is fetched whole in one pipelined UID FETCH BODY.PEEK[] (nothing is marked read yet) and
/// parsed while the previous batch is written; intake commits the batch in one transaction, and only
/// then are its messages marked \Seen (or moved) with one UID STORE (or MOVE). A kill at any point leaves
/// each message either committed (and then a duplicate, changing nothing, when it is fetched again) or
/// not yet read. A changed UIDVALIDITY means the server renumbered the folder: the pass starts over, and
/// intake's de-duplication keeps it from opening anything twice.
/// </summary>
public sealed class ImapPoller(MailIntake intake, IDataProtectionProvider protection, IntakeMeter meter, IOptions<IntakeOptions> options)
{
    public const string SecretPurpose = "PrivacyDesk.MailSource.Secret";

    private sealed record FetchedBatch(IReadOnlyList<UniqueId> Uids, PreparedBatch Prepared);

    public async Task<int> PollAsync(MailSource source, AuditActor actor, CancellationToken ct)
    {
        var secret = source.ImapSecretProtected is { Length: > 0 } p ? protection.CreateProtector(SecretPurpose).Unprotect(p) : "";
        await using var session = new ImapSession();
        await session.ConnectAsync(source.ImapHost ?? throw new InvalidOperationException($"Mailbox '{source.Name}' has no IMAP host."),
            source.ImapPort, source.ImapSecurity, source.AllowPlaintextLoopback, ct, source.ImapCertificateSha256);
        await session.AuthenticateAsync(source.ImapAuth, source.ImapUser ?? "", secret, ct);
        var folder = await session.OpenAsync(source.ImapFolder, ct);
        if (source.UidValidity != folder.UidValidity)
        {
            source.UidValidity = folder.UidValidity;
            source.LastUid = 0;
        }
        var moving = !string.IsNullOrWhiteSpace(source.ImapProcessedFolder);
        var processed = moving ? await session.FolderOrCreateAsync(source.ImapProcessedFolder!, ct) : null;
        var uids = await folder.SearchAsync(moving ? SearchQuery.All : SearchQuery.NotSeen, ct);
        if (uids.Count == 0) return 0;
        // One command for every message's INTERNALDATE (when the mailbox received it: the legal clock's start).
        var received = (await folder.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate), ct))
            .ToDictionary(s => s.UniqueId, s => s.InternalDate);
        var batches = uids.OrderBy(u => u.Id).Chunk(Math.Max(1, options.Value.BatchSize)).ToList();
        var failed = new List<string>();
        var count = 0;

        var current = await FetchAsync(source, folder, batches[0], received, failed, ct);
        for (var i = 0; i < batches.Count; i++)
        {
            // The next batch crosses the network and is parsed while this one is written; the connection is
            // used by that fetch alone until both are done, then by the flags of the batch just committed.
            var fetching = i + 1 < batches.Count ? FetchAsync(source, folder, batches[i + 1], received, failed, ct) : null;
            IReadOnlyList<IngestOutcome> outcomes;
            try { outcomes = await intake.IngestBatchAsync(current.Prepared, actor, ct); }
            catch
            {
                if (fetching is not null) try { await fetching; } catch (Exception) { /* the write's failure is the one to report */ }
                throw;
            }
            // A failed fetch of the next batch must not keep this committed one from being flagged (it would be fetched
            // again on every pass): flag it first, then report the failure.
            FetchedBatch? next = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? fetchFailure = null;
            if (fetching is not null)
                try { next = await fetching; }
                catch (Exception e) when (e is not OperationCanceledException) { fetchFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
            CrashPoints.Reached("imap-after-commit");

            var done = new List<UniqueId>(outcomes.Count);
            for (var j = 0; j < outcomes.Count; j++)
            {
                if (outcomes[j].Error is { } error) failed.Add($"uid {current.Uids[j].Id}: {error}"); // not committed: left unread, tried again next pass
                else done.Add(current.Uids[j]);
            }
            if (done.Count > 0)
            {
                var marking = Stopwatch.GetTimestamp();
                if (processed is not null) await folder.MoveToAsync(done, processed, ct);
                else await folder.StoreAsync(done, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, ct);
                meter.Add(IntakePhase.MarkRead, marking);
                source.LastUid = Math.Max(source.LastUid, done.Max(u => u.Id));
                count += done.Count;
            }
            fetchFailure?.Throw();
            if (next is not null) current = next;
        }
        await session.Client.DisconnectAsync(quit: true, ct);
        if (failed.Count > 0)
            throw new PartialPollException($"{count} messages read; {failed.Count} left on the server for the next pass: {string.Join("; ", failed.Take(5))}", count);
        return count;
    }

    /// <summary>One pipelined UID FETCH BODY.PEEK[] for the batch, then the parse; a message the server will not hand over is found by fetching the batch one by one.</summary>
    private async Task<FetchedBatch> FetchAsync(MailSource source, IMailFolder folder, IList<UniqueId> batch, Dictionary<UniqueId, DateTimeOffset?> received,
        List<string> failed, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var raws = new Dictionary<UniqueId, byte[]>();
        try
        {
            await ((ImapFolder)folder).GetStreamsAsync(batch, async (_, _, uid, stream, token) =>
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, token);
                raws[uid] = copy.ToArray();
            }, ct);
        }
        catch (ImapCommandException)
        {
            // The server refused the FETCH because of one message (Exchange: "could not be converted"): each of the
            // rest is taken alone, and the refused one stays unread on the server, named in the mailbox's error.
            foreach (var uid in batch.Where(u => !raws.ContainsKey(u)))
            {
                try
                {
                    await using var stream = await folder.GetStreamAsync(uid, "", ct);
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy, ct);
                    raws[uid] = copy.ToArray();
                }
                catch (MessageNotFoundException) { } // expunged meanwhile
                catch (ImapCommandException e)
                {
                    lock (failed) failed.Add($"uid {uid.Id}: {e.Response} {e.ResponseText}");
                }
            }
        }
        meter.Add(IntakePhase.Fetch, started);
        // A message expunged meanwhile is simply not in the answer.
        var uids = batch.Where(raws.ContainsKey).ToList();
        var mails = uids.Select(uid => new IncomingMail(raws[uid], $"imap:{source.Name}/{source.ImapFolder}/uid {uid.Id}",
            received.GetValueOrDefault(uid)?.ToUniversalTime())).ToList();
        return new FetchedBatch(uids, intake.Prepare(source.MerchantId, source.Id, mails));
    }
}
