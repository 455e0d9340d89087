using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Sources.Imap;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// One IMAP pass: unseen messages (or all, when processed mail is moved away) are fetched without
/// marking them read, handed to intake, and only after intake committed are they marked \Seen or
/// moved. A changed UIDVALIDITY means the server renumbered the folder: the pass starts over and
/// intake's de-duplication keeps it from opening anything twice.
/// </summary>
public sealed class ImapPoller(MailIntake intake, IDataProtectionProvider protection)
{
    public const string SecretPurpose = "PrivacyDesk.MailSource.Secret";

    public async Task<int> PollAsync(MailSource source, AuditActor actor, CancellationToken ct)
    {
        var secret = source.ImapSecretProtected is { Length: > 0 } p ? protection.CreateProtector(SecretPurpose).Unprotect(p) : "";
        await using var client = new ImapClient();
        await client.ConnectAsync(source.ImapHost ?? throw new InvalidOperationException($"Mailbox '{source.Name}' has no IMAP host."),
            source.ImapPort, source.ImapSecurity, source.AllowPlaintextLoopback, ct, pinnedCertificateSha256: source.ImapCertificateSha256);
        await client.AuthenticateAsync(source.ImapAuth, source.ImapUser ?? "", secret, ct);
        await client.SelectAsync(source.ImapFolder, ct);
        if (source.UidValidity != client.UidValidity)
        {
            source.UidValidity = client.UidValidity;
            source.LastUid = 0;
        }
        var moving = !string.IsNullOrWhiteSpace(source.ImapProcessedFolder);
        if (moving) await client.CreateFolderIfMissingAsync(source.ImapProcessedFolder!, ct);
        var uids = await client.UidSearchAsync(moving ? "ALL" : "UNSEEN", ct);
        var count = 0;
        foreach (var uid in uids)
        {
            ct.ThrowIfCancellationRequested();
            var message = await client.UidFetchAsync(uid, ct);
            if (message is null) continue; // expunged meanwhile
            await intake.IngestAsync(source.MerchantId, message.Raw, $"imap:{source.Name}/{source.ImapFolder}/uid {uid}", source.Id, actor, message.InternalDate, ct);
            if (moving) await client.MoveAsync(uid, source.ImapProcessedFolder!, ct);
            else await client.MarkSeenAsync(uid, ct);
            source.LastUid = Math.Max(source.LastUid, uid);
            count++;
        }
        await client.LogoutAsync(ct);
        return count;
    }
}
