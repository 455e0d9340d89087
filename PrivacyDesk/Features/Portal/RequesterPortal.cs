using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Portal;

/// <summary>A live link and what it opens, as the public page needs it.</summary>
public sealed record PortalAccess(PortalLink Link, PrivacyRequest Request, Merchant Merchant)
{
    public TimeZoneInfo Zone => JurisdictionCodes.TimeZoneFor(Merchant.Country, Merchant.Province);
}

public enum CodeOutcome { Sent, TooSoon, Locked, Confirmed, Wrong, Expired, NoAddress, TryAgain, Ended }

public sealed record CodeResult(CodeOutcome Outcome, DateTimeOffset? Until = null, int AttemptsLeft = 0);

/// <summary>One message of the exchange, as the requester sees it: ours and theirs, never an internal note.</summary>
public sealed record PortalMessageRow(DateTimeOffset At, bool FromRequester, string Text, IReadOnlyList<string> FileNames);

public sealed record PortalFile(long Id, string FileName, long SizeBytes, DateTimeOffset ReleasedAt);

public sealed record PortalUpload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The requester's side of a request, reached by the emailed link: the email code that proves control of
/// the address, what the person may see (status, dates, the exchange, released files), their messages and
/// proofs, and downloads, each recorded on the timeline and audited. Runs without a staff identity: every
/// read goes through the link's own request, so no other request's data or files can be reached.
/// </summary>
public sealed class RequesterPortal(IDbContextFactory<PrivacyDeskDbContext> factory, IOptions<PortalOptions> options,
    IOptions<MailOptions> mail, IUploadScanner scanner, UiText text, TimeProvider clock)
{
    private PortalOptions O => options.Value;

    private PrivacyDeskDbContext Open(PrivacyRequest? r = null) =>
        factory.CreateSystemContext(new AuditActor("requester", r is null ? "Requester" : $"{r.RequesterName} (portal)"));

    /// <summary>The link's request, or null for a token that is unknown, expired or revoked: all look the same from outside.</summary>
    public async Task<PortalAccess?> OpenAsync(string? token, CancellationToken ct = default)
    {
        if (!PortalTokens.LooksLikeToken(token)) return null;
        var hash = PortalTokens.Hash(token!);
        await using var db = Open();
        var link = await db.PortalLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || !link.IsLive(clock.GetUtcNow())) return null;
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == link.RequestId, ct);
        if (request is null || request.Status == RequestStatus.Merged) return null;
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == link.MerchantId, ct);
        return new PortalAccess(link, request, merchant);
    }

    /// <summary>Sends a fresh code to the request's address (at most one a minute; none during a cool-down).</summary>
    public async Task<CodeResult> SendCodeAsync(PortalAccess access, CancellationToken ct = default)
    {
        try { return await SendCodeOnceAsync(access, ct); }
        catch (DbUpdateConcurrencyException) { return new(CodeOutcome.TryAgain); } // a double click: the other click sent it
    }

    private async Task<CodeResult> SendCodeOnceAsync(PortalAccess access, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = Open(access.Request);
        var link = await db.PortalLinks.FirstAsync(l => l.Id == access.Link.Id, ct);
        if (link.LockedUntil > now) return new(CodeOutcome.Locked, link.LockedUntil);
        if (link.CodeExpiresAt is { } previous && previous - TimeSpan.FromMinutes(O.CodeMinutes) > now.AddMinutes(-1)) return new(CodeOutcome.TooSoon);
        var request = await db.Requests.FirstAsync(r => r.Id == link.RequestId, ct);
        var code = PortalTokens.NewCode();
        link.CodeHash = PortalTokens.HashCode(link.Id, code);
        link.CodeExpiresAt = now.AddMinutes(O.CodeMinutes);
        link.Version = Guid.NewGuid();
        var language = request.Language == "fr" ? "fr" : "en";
        var body = string.Format(text.Get("Portal.CodeMail.Body", language), request.RequesterName, code, O.CodeMinutes, access.Merchant.Name);
        // Not on the timeline, and the code is not in the audit: only that one was sent.
        OutboxQueue.Enqueue(db, request, access.Merchant, null, OutboxKind.Notice, link.Email,
            string.Format(text.Get("Portal.CodeMail.Subject", language), access.Merchant.Name), body, mail.Value.DefaultFrom, clock).ForgetBodyOnceSent = true;
        db.Audit("portal.code-sent", nameof(PrivacyRequest), request.Id, request.MerchantId, new { request.Reference });
        await db.SaveChangesAsync(ct);
        return new(CodeOutcome.Sent, link.CodeExpiresAt);
    }

    /// <summary>
    /// Checks a code. Five wrong ones (across codes: asking for a new one does not reset the count) lock the
    /// link for the cool-down. The first confirmation goes on the timeline as an identity step the officer
    /// may rely on: "controls the email address".
    /// </summary>
    public async Task<CodeResult> ConfirmAsync(PortalAccess access, string? typed, CancellationToken ct = default)
    {
        // Parallel posts of guesses: the link's version lets one through at a time; the others are told to try again, uncounted
        // (and unchecked), so no more than the allowed wrong codes are ever tried.
        try { return await ConfirmOnceAsync(access, typed, ct); }
        catch (DbUpdateConcurrencyException) { return new(CodeOutcome.TryAgain); }
    }

    private async Task<CodeResult> ConfirmOnceAsync(PortalAccess access, string? typed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = Open(access.Request);
        var link = await db.PortalLinks.FirstAsync(l => l.Id == access.Link.Id, ct);
        if (link.LockedUntil > now) return new(CodeOutcome.Locked, link.LockedUntil);
        if (link.LockedUntil is not null) { link.LockedUntil = null; link.FailedCodeAttempts = 0; }
        var digits = new string((typed ?? "").Where(char.IsAsciiDigit).ToArray());
        if (link.CodeHash is null || link.CodeExpiresAt <= now)
        {
            await db.SaveChangesAsync(ct);
            return new(CodeOutcome.Expired);
        }
        if (digits.Length != 6 || !PortalTokens.Same(link.CodeHash, PortalTokens.HashCode(link.Id, digits)))
        {
            link.FailedCodeAttempts++;
            var left = O.MaxCodeAttempts - link.FailedCodeAttempts;
            if (left <= 0)
            {
                link.LockedUntil = now.AddMinutes(O.CooldownMinutes);
                link.CodeHash = null; // the code in the email dies with the lock
                link.Lockouts++;
                // Cool-downs alone would allow thousands of guesses over the link's life: the third one ends the link.
                if (link.Lockouts >= MaxLockouts) { link.RevokedAt = now; link.RevokedByName = "portal (too many wrong codes)"; }
                db.Audit("portal.locked", nameof(PrivacyRequest), link.RequestId, link.MerchantId, new { attempts = link.FailedCodeAttempts, link.Lockouts, revoked = link.RevokedAt is not null });
            }
            link.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            return link.RevokedAt is not null ? new(CodeOutcome.Ended) : left <= 0 ? new(CodeOutcome.Locked, link.LockedUntil) : new(CodeOutcome.Wrong, null, left);
        }
        var request = await db.Requests.FirstAsync(r => r.Id == link.RequestId, ct);
        var first = link.EmailConfirmedAt is null;
        link.EmailConfirmedAt ??= now;
        link.CodeHash = null;
        link.FailedCodeAttempts = 0;
        link.SessionStamp = Guid.NewGuid();
        link.LastUsedAt = now;
        link.Version = Guid.NewGuid();
        if (first || request.AwaitingEmailConfirmation)
        {
            if (first) RequestIntake.AddEvent(db, request, RequestEventKind.PortalEmailConfirmed, null, new { email = link.Email });
            // A web-form request waiting for this confirmation now enters the queue.
            request.AwaitingEmailConfirmation = false;
            request.UpdatedAt = now;
            request.Version = Guid.NewGuid();
        }
        db.Audit("portal.email-confirmed", nameof(PrivacyRequest), request.Id, request.MerchantId, new { request.Reference, first });
        await db.SaveChangesAsync(ct);
        access.Link.SessionStamp = link.SessionStamp;
        return new(CodeOutcome.Confirmed);
    }

    /// <summary>What the confirmed requester is shown: the exchange (not internal notes) and the files released to them.</summary>
    public async Task<(IReadOnlyList<PortalMessageRow> Messages, IReadOnlyList<PortalFile> Files)> ContentAsync(PortalAccess access, CancellationToken ct = default)
    {
        await using var db = Open();
        var shown = new[] { RequestEventKind.Reply, RequestEventKind.EmailReceived, RequestEventKind.PortalMessage };
        var events = await db.RequestEvents.AsNoTracking().Where(e => e.RequestId == access.Request.Id)
            .Where(e => shown.Contains(e.Kind) || e.Kind == RequestEventKind.ResponseReleased)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        // Their own uploads are named under their messages (names only: the bytes stay where they are).
        var posted = events.Where(e => e.Kind == RequestEventKind.PortalMessage).Select(e => e.Id).ToList();
        var names = (await db.RequestAttachments.AsNoTracking().Where(a => posted.Contains(a.EventId)).Select(a => new { a.EventId, a.FileName }).ToListAsync(ct))
            .ToLookup(a => a.EventId, a => a.FileName);
        // Only the exchange with this person: staff also write to others about a request (a processor, a lawyer),
        // and those letters and their answers are on the same timeline.
        var messages = events.Where(e => e.Kind != RequestEventKind.ResponseReleased && (!string.IsNullOrWhiteSpace(e.Text) || names.Contains(e.Id)))
            .Where(e => e.Kind == RequestEventKind.PortalMessage || WithThisPerson(e, access.Link.Email))
            .Select(e => new PortalMessageRow(e.At, e.Kind is RequestEventKind.EmailReceived or RequestEventKind.PortalMessage, e.Text ?? "", names[e.Id].ToList()))
            .ToList();
        var released = ReleasedIds(events);
        var files = released.Count == 0 ? [] : await db.RequestAttachments.AsNoTracking()
            .Where(a => released.Keys.Contains(a.Id) && db.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == access.Request.Id))
            .Select(a => new { a.Id, a.FileName, a.SizeBytes }).ToListAsync(ct);
        return (messages, files.Select(f => new PortalFile(f.Id, f.FileName, f.SizeBytes, released[f.Id])).OrderBy(f => f.FileName).ToList());
    }

    /// <summary>A reply sent to, or a mail received from, the link's own address.</summary>
    internal static bool WithThisPerson(RequestEvent e, string email)
    {
        if (e.Data is null) return false;
        using var json = JsonDocument.Parse(e.Data);
        var field = e.Kind == RequestEventKind.Reply ? "to" : "from";
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String
            && string.Equals(v.GetString()?.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Attachment ids released to the requester, with when, from the release events' data.</summary>
    internal static Dictionary<long, DateTimeOffset> ReleasedIds(IEnumerable<RequestEvent> events)
    {
        var ids = new Dictionary<long, DateTimeOffset>();
        foreach (var e in events.Where(e => e.Kind == RequestEventKind.ResponseReleased && e.Data is not null))
        {
            using var json = JsonDocument.Parse(e.Data!);
            if (json.RootElement.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var id in list.EnumerateArray()) ids.TryAdd(id.GetInt64(), e.At);
        }
        return ids;
    }

    /// <summary>A released file of this link's request, recorded (time, address) on the timeline and audited; null for anything else.</summary>
    public async Task<RequestAttachment?> DownloadAsync(PortalAccess access, long attachmentId, string? ipAddress, CancellationToken ct = default)
    {
        await using var db = Open(access.Request);
        var releases = await db.RequestEvents.AsNoTracking()
            .Where(e => e.RequestId == access.Request.Id && e.Kind == RequestEventKind.ResponseReleased).ToListAsync(ct);
        if (!ReleasedIds(releases).ContainsKey(attachmentId)) return null;
        var file = await db.RequestAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && db.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == access.Request.Id), ct);
        if (file is null) return null;
        var request = await db.Requests.FirstAsync(r => r.Id == access.Request.Id, ct);
        RequestIntake.AddEvent(db, request, RequestEventKind.PortalDownload, null, new { file = file.FileName, attachment = file.Id, ip = ipAddress });
        // The address is on the timeline (purged with the request); the append-only audit keeps which file, not who from where.
        db.Audit("portal.downloaded", nameof(PrivacyRequest), request.Id, request.MerchantId, new { request.Reference, attachment = file.Id });
        var link = await db.PortalLinks.FirstAsync(l => l.Id == access.Link.Id, ct);
        link.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return file;
    }

    public const int MaxMessage = 5000;

    /// <summary>Lockouts after which the link is revoked (the officer can send a new one).</summary>
    public const int MaxLockouts = 3;

    /// <summary>
    /// A message from the requester, with an optional proof (identity, an agent's authority): PDF, JPEG or
    /// PNG by their first bytes, within the size limit, passed to the scanner before it is stored. Returns the
    /// problem in the requester's language, or null.
    /// </summary>
    public async Task<string?> PostAsync(PortalAccess access, string? message, PortalUpload? upload, CancellationToken ct = default)
    {
        var language = access.Request.Language == "fr" ? "fr" : "en";
        var body = message?.Trim() ?? "";
        if (body.Length == 0 && upload is null) return text.Get("Portal.Post.Empty", language);
        if (body.Length > MaxMessage) return string.Format(text.Get("Portal.Post.TooLong", language), MaxMessage);
        if (upload is not null)
        {
            if (upload.Content.Length > O.MaxUploadMegabytes * 1024L * 1024) return string.Format(text.Get("Portal.Upload.TooLarge", language), O.MaxUploadMegabytes);
            if (UploadTypes.Detect(upload.Content) is not { } type) return text.Get("Portal.Upload.Type", language);
            if (await scanner.ScanAsync(upload.FileName, upload.Content, ct) is { } refusal) return string.Format(text.Get("Portal.Upload.Refused", language), refusal);
            // Stored under the extension of what it is: "proof.html" that starts like a PDF is kept as "proof.pdf".
            upload = upload with { ContentType = type, FileName = UploadTypes.NameFor(upload.FileName, type) };
        }
        await using var db = Open(access.Request);
        var request = await db.Requests.FirstAsync(r => r.Id == access.Request.Id, ct);
        if (!request.IsOpen) return text.Get("Portal.Post.Closed", language);
        var evt = RequestIntake.AddEvent(db, request, RequestEventKind.PortalMessage, body.Length == 0 ? null : body,
            upload is null ? null : new { file = upload.FileName, bytes = upload.Content.Length });
        if (upload is not null)
            evt.Attachments.Add(new RequestAttachment { MerchantId = request.MerchantId, FileName = Documents.FileNames.ForDownload(upload.FileName),
                ContentType = upload.ContentType, SizeBytes = upload.Content.Length, Content = upload.Content });
        request.UpdatedAt = clock.GetUtcNow();
        request.Version = Guid.NewGuid();
        db.Audit("portal.message", nameof(PrivacyRequest), request.Id, request.MerchantId, new { request.Reference, chars = body.Length, file = upload is not null });
        var link = await db.PortalLinks.FirstAsync(l => l.Id == access.Link.Id, ct);
        link.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
