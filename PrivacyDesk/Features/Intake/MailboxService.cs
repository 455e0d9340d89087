using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using MimeKit;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Intake;

/// <summary>A received message as staff see it: facts, reason, and the parsed message for display.</summary>
/// <summary>A stored message for reading: MimeKit's reading (null when it could not read it) and the text to show.</summary>
public sealed record InboundView(InboundMessage Row, MimeMessage? Message, string BodyText);

/// <summary>The outcome of a bulk action on the quarantine: how many were done, skipped (changed meanwhile), and what failed.</summary>
public sealed record BulkMailResult(int Done, int Skipped, IReadOnlyList<string> Errors);

/// <summary>The outcome of an upload: one line per message read.</summary>
public sealed record UploadReport(IReadOnlyList<(string Origin, IngestResult Result)> Results)
{
    public int Opened => Results.Count(r => r.Result is { Duplicate: false, Status: InboundStatus.NewRequest });
    public int Replies => Results.Count(r => r.Result is { Duplicate: false, Status: InboundStatus.Reply });
    public int Quarantined => Results.Count(r => r.Result is { Duplicate: false, Status: InboundStatus.Quarantined });
    public int Duplicates => Results.Count(r => r.Result.Duplicate);
}

/// <summary>
/// What staff do with mail: upload .eml and mbox files, work the quarantine (open a request from a
/// message, or dismiss it with a reason), read a message, and (Admin) manage mailboxes. Every
/// method checks the role; every read goes through the user's merchant scope.
/// </summary>
public sealed class MailboxService(Db db, CurrentStaff staff, MailIntake intake, RequestIntake requests, MailPollingWorker poller,
    IDataProtectionProvider protection, UiText text, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IntakeOptions> intakeOptions)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];
    private static readonly string[] Uploaders = [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep];

    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public async Task<UploadReport> UploadAsync(int merchantId, string fileName, Stream content, CancellationToken ct = default)
    {
        var me = await RequireAsync(Uploaders, ct);
        if (!me.Scope.Allows(merchantId)) throw new UnauthorizedAccessException("That merchant is not one of yours.");
        // The upload is spooled to a private temp file so an mbox of any size is read as a stream.
        var temp = Path.Combine(Path.GetTempPath(), $"pd-upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await content.CopyToAsync(file, ct);
            }
            var results = new List<(string, IngestResult)>();
            var safeName = MailAttachments.SafeName(fileName) ?? "upload";
            var index = 0;
            var mbox = MailFiles.IsMbox(temp);
            foreach (var mail in MailFiles.Read(temp))
            {
                var origin = mbox ? $"upload:{safeName}#{index}" : $"upload:{safeName}";
                index++;
                results.Add((origin, await intake.IngestAsync(merchantId, mail.Bytes, origin, null, me.Actor, null, ct, mail.Parsed)));
            }
            return new UploadReport(results);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<List<InboundMessage>> QuarantineAsync(CancellationToken ct = default)
    {
        await RequireAsync(Officers, ct);
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.InboundMessages.AsNoTracking().Where(m => m.Status == InboundStatus.Quarantined)
            .OrderByDescending(m => m.ReceivedAt).Take(500).ToListAsync(ct);
    }

    public async Task<InboundView?> GetAsync(long id, CancellationToken ct = default)
    {
        await RequireAsync([Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep], ct);
        await using var ctx = await db.OpenAsync(ct);
        var row = await ctx.InboundMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return null;
        var raw = MailIntake.Decompress(row.RawGzip);
        var message = MailParsing.Parse(raw).Usable;
        // What could not be read as mail is shown as the bytes say, as text: the officer decides what it is.
        return new InboundView(row, message, message is null ? Unreadable(raw) : MailIntake.BodyText(message));
    }

    private static string Unreadable(byte[] raw)
    {
        var text = System.Text.Unicode.Utf8.IsValid(raw) ? System.Text.Encoding.UTF8.GetString(raw) : System.Text.Encoding.Latin1.GetString(raw);
        return text.Length > 20_000 ? text[..20_000] + " […]" : text;
    }

    /// <summary>The message exactly as received, for an officer to keep or forward as evidence; the download is audited.</summary>
    public async Task<byte[]?> DownloadOriginalAsync(long id, CancellationToken ct = default)
    {
        await RequireAsync(Officers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var row = await ctx.InboundMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return null;
        ctx.Audit("mail.original-downloaded", nameof(InboundMessage), row.Id, row.MerchantId, new { row.Origin });
        await ctx.SaveChangesAsync(ct);
        return MailIntake.Decompress(row.RawGzip);
    }

    public async Task<List<InboundMessage>> ForRequestAsync(int requestId, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.InboundMessages.AsNoTracking().Where(m => m.RequestId == requestId).OrderBy(m => m.ReceivedAt).ToListAsync(ct);
    }

    /// <summary>An officer opens a request from a quarantined message, choosing the types and language.</summary>
    public async Task<RequestResult> ReleaseAsync(long id, Guid version, IReadOnlyList<RequestType> types, string language, string requesterName, string? requesterEmail, CancellationToken ct = default)
    {
        var me = await RequireAsync(Officers, ct);
        // A database that cannot take the write is said in the dialog, which keeps what was chosen.
        try { return await ReleaseCoreAsync(id, version, types, language, requesterName, requesterEmail, me, ct); }
        catch (StorageUnavailableException e) { return RequestResult.Fail(text[e.TextKey]); }
    }

    private async Task<RequestResult> ReleaseCoreAsync(long id, Guid version, IReadOnlyList<RequestType> types, string language, string requesterName,
        string? requesterEmail, StaffIdentity me, CancellationToken ct)
    {
        await using var ctx = await db.OpenAsync(ct);
        var row = await ctx.InboundMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return RequestResult.Fail(text["Mail.NotFound"]);
        if (row.Version != version) return RequestResult.Stale(text["Concurrency.Changed"], null);
        if (row.Status != InboundStatus.Quarantined) return RequestResult.Fail(text["Mail.NotQuarantined"]);
        var raw = MailIntake.Decompress(row.RawGzip);
        var body = MailParsing.Parse(raw).Usable is { } message ? MailIntake.BodyText(message) : Unreadable(raw);
        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        PrivacyRequest request;
        try
        {
            request = await requests.OpenAsync(ctx, new NewRequest(row.MerchantId, types, RequestChannel.Email, language, requesterName,
                requesterEmail, Subject: row.Subject is { Length: > RequestIntake.MaxSubject } s ? s[..RequestIntake.MaxSubject] : row.Subject,
                Message: body.Length > RequestIntake.MaxMessage ? body[..RequestIntake.MaxMessage] : body, ReceivedAt: row.ReceivedAt), ct);
        }
        catch (RequestValidationException e)
        {
            return RequestResult.Fail(string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }
        row.Status = InboundStatus.Released;
        row.RequestId = request.Id;
        Handled(row, me);
        RequestIntake.AddEvent(ctx, request, RequestEventKind.EmailReceived, body,
            new { from = row.FromAddress, subject = row.Subject, inboundId = row.Id, released = true, quarantineReason = row.QuarantineReason });
        ctx.Audit("mail.released", nameof(InboundMessage), row.Id, row.MerchantId, new { request.Reference, row.QuarantineReason });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RequestResult.Ok(request);
    }

    /// <summary>The request a held message claims to be about ("Re: [PD-…]" from an address not on it), or null.</summary>
    public static string? ClaimedReference(InboundMessage m) =>
        m.Status == InboundStatus.Quarantined && m.QuarantineReason is { } r && r.StartsWith(nameof(QuarantineCode.ClaimsReference) + ":", StringComparison.Ordinal)
            ? r[(r.IndexOf(':') + 1)..].Trim() : null;

    /// <summary>
    /// After checking it, an officer adds a held message to the request it claims to be about. The
    /// timeline says it was added by them, from which address, and that the address was not on file.
    /// </summary>
    public async Task<RequestResult> AddToClaimedRequestAsync(long id, Guid version, CancellationToken ct = default)
    {
        var me = await RequireAsync(Officers, ct);
        try
        {
            await using var ctx = await db.OpenAsync(ct);
            var row = await ctx.InboundMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
            if (row is null) return RequestResult.Fail(text["Mail.NotFound"]);
            if (row.Version != version) return RequestResult.Stale(text["Concurrency.Changed"], null);
            if (ClaimedReference(row) is not { } reference) return RequestResult.Fail(text["Mail.NotQuarantined"]);
            var request = await ctx.Requests.FirstOrDefaultAsync(r => r.MerchantId == row.MerchantId && r.Reference == reference, ct);
            if (request is null) return RequestResult.Fail(text["Mail.NotFound"]);
            var message = MailParsing.Parse(MailIntake.Decompress(row.RawGzip)).Usable;
            if (message is null) return RequestResult.Fail(text["Mail.NotQuarantined"]);
            var attachments = MailAttachments.Select(message, intakeOptions.Value.AttachmentCapMegabytes, out var omitted);
            row.Status = InboundStatus.Attached;
            row.RequestId = request.Id;
            Handled(row, me);
            var evt = RequestIntake.AddEvent(ctx, request, RequestEventKind.EmailReceived, MailIntake.BodyText(message),
                new { from = row.FromAddress, subject = row.Subject, inboundId = row.Id, released = true, senderNotOnFile = true, addedBy = me.DisplayName, omitted = omitted.Count });
            evt.Attachments.AddRange(attachments.Select(a => a.ToRequestAttachment(request.MerchantId)));
            request.UpdatedAt = clock.GetUtcNow();
            ctx.Audit("mail.added-to-claimed-request", nameof(InboundMessage), row.Id, row.MerchantId, new { request.Reference, row.QuarantineReason });
            await ctx.SaveChangesAsync(ct);
            return RequestResult.Ok(request);
        }
        catch (StorageUnavailableException e) { return RequestResult.Fail(text[e.TextKey]); }
    }

    public async Task<RequestResult> DismissAsync(long id, Guid version, string reason, CancellationToken ct = default)
    {
        var me = await RequireAsync(Officers, ct);
        if (string.IsNullOrWhiteSpace(reason)) return RequestResult.Fail(text["Requests.ReasonRequired"]);
        await using var ctx = await db.OpenAsync(ct);
        var row = await ctx.InboundMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return RequestResult.Fail(text["Mail.NotFound"]);
        if (row.Version != version) return RequestResult.Stale(text["Concurrency.Changed"], null);
        row.Status = InboundStatus.Dismissed;
        Handled(row, me);
        ctx.Audit("mail.dismissed", nameof(InboundMessage), row.Id, row.MerchantId, new { reason = reason.Trim(), row.QuarantineReason });
        try { await ctx.SaveChangesAsync(ct); }
        catch (StorageUnavailableException e) { return RequestResult.Fail(text[e.TextKey]); }
        return new RequestResult(true);
    }

    /// <summary>
    /// Dismisses several quarantined messages with one reason (the officer confirmed the count). Each
    /// is dismissed on its own: one handled meanwhile by someone else is skipped, not overwritten.
    /// </summary>
    public async Task<BulkMailResult> DismissManyAsync(IReadOnlyCollection<(long Id, Guid Version)> messages, string reason, CancellationToken ct = default)
    {
        await RequireAsync(Officers, ct);
        if (string.IsNullOrWhiteSpace(reason)) return new BulkMailResult(0, 0, [text["Requests.ReasonRequired"]]);
        return await EachAsync(messages, m => DismissAsync(m.Id, m.Version, reason, ct));
    }

    /// <summary>
    /// Opens a request from each of several quarantined messages, with the same types and language;
    /// each requester is the message's sender. A message intake cannot open (no usable sender) is
    /// left in quarantine and its error reported with its subject.
    /// </summary>
    public async Task<BulkMailResult> ReleaseManyAsync(IReadOnlyCollection<(long Id, Guid Version)> messages, IReadOnlyList<RequestType> types, string language,
        CancellationToken ct = default)
    {
        await RequireAsync(Officers, ct);
        if (types.Count == 0) return new BulkMailResult(0, 0, [text["Log.TypeRequired"]]);
        if (language is not ("fr" or "en")) return new BulkMailResult(0, 0, [text["Log.LanguageRequired"]]);
        List<InboundMessage> rows;
        await using (var ctx = await db.OpenAsync(ct))
        {
            var ids = messages.Select(m => m.Id).ToList();
            rows = await ctx.InboundMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        }
        var byId = rows.ToDictionary(r => r.Id);
        return await EachAsync(messages, async m =>
        {
            if (!byId.TryGetValue(m.Id, out var row)) return RequestResult.Fail(text["Mail.NotFound"]);
            if (row.FromAddress is null || !RequestIntake.LooksLikeEmail(row.FromAddress))
                return RequestResult.Fail(text.Format("Mail.BulkNoSender", row.Subject ?? "—"));
            var name = string.IsNullOrWhiteSpace(row.FromName) ? row.FromAddress : row.FromName.Trim();
            return await ReleaseAsync(m.Id, m.Version, types, language, name.Length > 200 ? name[..200] : name, row.FromAddress, ct);
        });
    }

    private async Task<BulkMailResult> EachAsync(IReadOnlyCollection<(long Id, Guid Version)> messages, Func<(long Id, Guid Version), Task<RequestResult>> one)
    {
        int done = 0, skipped = 0;
        var errors = new List<string>();
        foreach (var m in messages.DistinctBy(m => m.Id))
        {
            var result = await one(m);
            if (result.Succeeded) done++;
            else if (result.Conflict) skipped++;
            else if (result.Error is { } error) errors.Add(error);
        }
        return new BulkMailResult(done, skipped, errors);
    }

    private void Handled(InboundMessage row, StaffIdentity me)
    {
        row.HandledById = me.UserId;
        row.HandledByName = me.DisplayName;
        row.HandledAt = clock.GetUtcNow();
    }

    // ---- Mailboxes (Admin) ----

    public async Task<List<MailSource>> SourcesAsync(CancellationToken ct = default)
    {
        await RequireAsync([Roles.Admin], ct);
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.MailSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>Creates or updates a mailbox; a blank secret keeps the stored one. Returns an error message or null.</summary>
    public async Task<string?> SaveSourceAsync(MailSource edited, string? newSecret, CancellationToken ct = default)
    {
        await RequireAsync([Roles.Admin], ct);
        if (string.IsNullOrWhiteSpace(edited.Name)) return text["Mailboxes.NameRequired"];
        if (edited.Kind == MailSourceKind.Maildir && string.IsNullOrWhiteSpace(edited.MaildirPath)) return text["Mailboxes.PathRequired"];
        if (edited.Kind == MailSourceKind.Imap && (string.IsNullOrWhiteSpace(edited.ImapHost) || string.IsNullOrWhiteSpace(edited.ImapUser))) return text["Mailboxes.HostRequired"];
        if (edited.PollSeconds is < 10 or > 86_400) return text["Mailboxes.PollRange"];
        await using var ctx = await db.OpenAsync(ct);
        var source = edited.Id == 0 ? null : await ctx.MailSources.FirstOrDefaultAsync(s => s.Id == edited.Id, ct);
        if (edited.Id != 0 && source is null) return text["Mail.NotFound"];
        if (source is not null && source.Version != edited.Version) return text["Concurrency.Changed"];
        if (source is { FromSettings: true }) return text["Mailboxes.FromSettings"];
        if (await ctx.MailSources.AnyAsync(s => s.Name == edited.Name.Trim() && s.Id != edited.Id, ct)) return text["Mailboxes.NameTaken"];
        if (source is null)
        {
            source = new MailSource { Name = edited.Name.Trim(), MerchantId = edited.MerchantId };
            ctx.MailSources.Add(source);
        }
        source.Name = edited.Name.Trim();
        source.MerchantId = edited.MerchantId;
        source.Kind = edited.Kind;
        source.Enabled = edited.Enabled;
        source.MaildirPath = edited.MaildirPath?.Trim();
        source.ImapHost = edited.ImapHost?.Trim();
        source.ImapPort = edited.ImapPort;
        source.ImapSecurity = edited.ImapSecurity;
        source.ImapAuth = edited.ImapAuth;
        source.ImapUser = edited.ImapUser?.Trim();
        source.ImapFolder = string.IsNullOrWhiteSpace(edited.ImapFolder) ? "INBOX" : edited.ImapFolder.Trim();
        source.ImapProcessedFolder = string.IsNullOrWhiteSpace(edited.ImapProcessedFolder) ? null : edited.ImapProcessedFolder.Trim();
        source.AllowPlaintextLoopback = edited.AllowPlaintextLoopback;
        source.ImapCertificateSha256 = string.IsNullOrWhiteSpace(edited.ImapCertificateSha256) ? null : edited.ImapCertificateSha256.Replace(":", "").Trim().ToUpperInvariant();
        source.PollSeconds = edited.PollSeconds;
        if (!string.IsNullOrEmpty(newSecret)) source.ImapSecretProtected = protection.CreateProtector(ImapPoller.SecretPurpose).Protect(newSecret);
        // The audit says what changed, never the secret.
        ctx.Audit(edited.Id == 0 ? "mailbox.created" : "mailbox.updated", nameof(MailSource), source.Name, source.MerchantId,
            new { source.Kind, source.ImapHost, source.ImapPort, security = source.ImapSecurity.ToString(), source.ImapUser, source.MaildirPath, source.Enabled, secretChanged = !string.IsNullOrEmpty(newSecret) });
        await ctx.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Polls a mailbox now (Admin's "check now"): returns how many messages were read, or the error.</summary>
    public async Task<(int Imported, string? Error)> PollNowAsync(int sourceId, CancellationToken ct = default)
    {
        await RequireAsync([Roles.Admin], ct);
        await using (var ctx = await db.OpenAsync(ct))
            if (!await ctx.MailSources.AnyAsync(s => s.Id == sourceId, ct)) return (0, text["Mail.NotFound"]);
        return await poller.PollOneAsync(sourceId, ct);
    }

    private async Task<StaffIdentity> RequireAsync(string[] roles, CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!roles.Any(me.IsInRole)) throw new UnauthorizedAccessException("Your role does not allow this action on mail.");
        return me;
    }
}
