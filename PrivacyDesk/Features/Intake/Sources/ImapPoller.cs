using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// One IMAP pass through MailKit: unseen messages (or all, when processed mail is moved away) are
/// fetched whole with BODY.PEEK (nothing is marked read yet), handed to intake, and only after
/// intake committed are they marked \Seen or moved. A changed UIDVALIDITY means the server
/// renumbered the folder: the pass starts over, and intake's de-duplication keeps it from opening
/// anything twice. A kill at any point leaves each message either in (and then a duplicate next
/// time) or not yet read.
/// </summary>
public sealed class ImapPoller(MailIntake intake, IDataProtectionProvider protection)
{
    public const string SecretPurpose = "PrivacyDesk.MailSource.Secret";

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
        var count = 0;
        var failed = new List<string>();
        foreach (var uid in uids.OrderBy(u => u.Id))
        {
            ct.ThrowIfCancellationRequested();
            byte[] raw;
            try
            {
                await using var stream = await folder.GetStreamAsync(uid, "", ct);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, ct);
                raw = copy.ToArray();
            }
            catch (MessageNotFoundException) { continue; } // expunged meanwhile
            catch (ImapCommandException e)
            {
                // The server will not hand this one over (Exchange: "could not be converted"): it stays unread
                // on the server, is named in the mailbox's error, and the messages after it are still read.
                failed.Add($"uid {uid.Id}: {e.Response} {e.ResponseText}");
                continue;
            }
            try
            {
                await intake.IngestAsync(source.MerchantId, raw, $"imap:{source.Name}/{source.ImapFolder}/uid {uid.Id}", source.Id, actor,
                    received.GetValueOrDefault(uid)?.ToUniversalTime(), ct);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StorageUnavailableException))
            {
                failed.Add($"uid {uid.Id}: {e.GetType().Name}: {e.Message}");
                continue; // not committed: left unread, tried again next pass
            }
            if (processed is not null) await folder.MoveToAsync(uid, processed, ct);
            else await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, ct);
            source.LastUid = Math.Max(source.LastUid, uid.Id);
            count++;
        }
        await session.Client.DisconnectAsync(quit: true, ct);
        if (failed.Count > 0)
            throw new PartialPollException($"{count} messages read; {failed.Count} left on the server for the next pass: {string.Join("; ", failed.Take(5))}", count);
        return count;
    }
}
