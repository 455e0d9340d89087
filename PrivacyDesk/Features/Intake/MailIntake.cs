using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Classification;
using MimeKit;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake;

/// <summary>What intake did with one message.</summary>
public sealed record IngestResult(InboundStatus Status, long InboundId, int? RequestId, string? Reference, bool Duplicate, string? Reason);

/// <summary>One message to take in: its bytes, where it came from, when the mailbox received it (the legal clock's start), and MimeKit's reading when a shared parser already made it.</summary>
public sealed record IncomingMail(byte[] Raw, string Origin, DateTimeOffset? ReceivedAt = null, ParsedMail? Parsed = null);

/// <summary>One message of a batch: what intake did with it, or why it could not (it was not committed and stays at its source for the next pass).</summary>
public sealed record IngestOutcome(IncomingMail Mail, IngestResult? Result, string? Error);

/// <summary>
/// Turns received email into work, exactly once: a duplicate (same Message-ID, or same bytes
/// when there is none) changes nothing; a reply joins its request's timeline; a new request is
/// classified, matched to customers, opened and acknowledged; anything unusable is quarantined with
/// its reason. Everything, including the raw message and the acknowledgement in the outbox, is
/// written in one transaction, so a crash at any point leaves either all of it or none. A batch
/// is one transaction for all its messages (one commit, one fsync): a crash leaves all of the batch
/// or none of it, and a source marks its messages read only after that commit.
/// </summary>
public sealed partial class MailIntake(IDbContextFactory<PrivacyDeskDbContext> factory, RequestIntake requests, MailThreading threading,
    AutoAcknowledgement acknowledgement, IOptions<IntakeOptions> options, TimeProvider clock, IntakeMeter meter, ILogger<MailIntake> log)
{
    /// <param name="parsed">The message as already read from an mbox by a shared parser; parsed here when null.</param>
    public async Task<IngestResult> IngestAsync(int merchantId, byte[] raw, string origin, int? sourceId, AuditActor actor,
        DateTimeOffset? receivedAt = null, CancellationToken ct = default, ParsedMail? parsed = null)
    {
        var prepared = Prepare(merchantId, sourceId, new IncomingMail(raw, origin, receivedAt, parsed));
        var inbound = prepared.Inbound;

        await using var db = WriterContext(merchantId, actor);
        if (await FindDuplicateAsync(db, merchantId, inbound.DedupeKey, ct) is { } existing) return existing;

        await using var tx = await db.Database.BeginWriteAsync(ct);
        try
        {
            IngestResult result;
            try
            {
                result = await StoreAsync(db, prepared, ct);
            }
            catch (Exception e) when (IsMessageFault(e))
            {
                // Something in this message broke classification, matching or storage of its parts: undo what
                // it half-did and keep the message, untouched, in quarantine with the reason.
                await tx.RollbackAsync(ct);
                return await QuarantineAfterFailureAsync(merchantId, inbound, Failure(e), actor, ct);
            }
            var commit = Stopwatch.GetTimestamp();
            await tx.CommitAsync(ct);
            meter.Add(IntakePhase.Commit, commit);
            LogStored(inbound, origin);
            return result with { InboundId = inbound.Id };
        }
        catch (DbUpdateException e) when (Data.Providers.DbErrors.IsUniqueViolation(e))
        {
            // Another worker stored the same message between our check and our insert: theirs stands.
            await tx.RollbackAsync(ct);
            await using var again = factory.CreateDbContext().WithScope(MerchantScope.Only([merchantId]), actor);
            var stored = await FindDuplicateAsync(again, merchantId, inbound.DedupeKey, ct);
            if (stored is null) throw;
            return stored;
        }
    }

    /// <summary>
    /// The work that needs no database (parse, hash, compress), done before the write so that a source can
    /// prepare the next batch on another core while this one is written.
    /// </summary>
    public PreparedBatch Prepare(int merchantId, int? sourceId, IReadOnlyList<IncomingMail> mails) =>
        new(merchantId, sourceId, mails.Select(m => Prepare(merchantId, sourceId, m)).ToList());

    private PreparedMail Prepare(int merchantId, int? sourceId, IncomingMail mail)
    {
        var started = Stopwatch.GetTimestamp();
        var raw = mail.Raw;
        var tooLarge = raw.LongLength > options.Value.MessageCapMegabytes * 1024L * 1024;
        MimeMessage? message = null;
        string? unreadable = null;
        if (!tooLarge)
        {
            // One message the parser cannot take must never stop the mailbox: it is kept and quarantined instead.
            try
            {
                var read = mail.Parsed ?? MailParsing.Parse(raw);
                (message, unreadable) = (read.Usable, read.Error);
            }
            catch (Exception e) when (e is not OperationCanceledException) { unreadable = Failure(e); }
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(raw));
        var messageId = message?.MessageId is { Length: > 0 and <= 900 } id ? id : null;
        var from = message is null ? null : MailParsing.Sender(message);
        var inbound = new InboundMessage
        {
            MerchantId = merchantId,
            SourceId = sourceId,
            Origin = Truncate(mail.Origin, 300)!,
            DedupeKey = messageId is not null ? "mid:" + messageId : "sha256:" + hash,
            MessageIdHeader = messageId,
            InReplyTo = Truncate(message?.InReplyTo is { Length: > 0 } irt ? irt : null, 900),
            ContentSha256 = hash,
            RawGzip = Compress(raw),
            RawSize = raw.LongLength,
            FromAddress = Truncate(from?.Address.ToLowerInvariant(), 320),
            FromName = Truncate(string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name, 200),
            Subject = Truncate(message?.Subject, 1000),
            SentAt = message is null ? null : MailParsing.Date(message)?.ToUniversalTime(),
            ReceivedAt = mail.ReceivedAt ?? clock.GetUtcNow(),
        };
        var quarantine = tooLarge
            ? QuarantineReasons.Encode(QuarantineCode.TooLarge, options.Value.MessageCapMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : message is null ? QuarantineReasons.Encode(QuarantineCode.Unreadable, unreadable) : null;
        meter.Add(IntakePhase.Parse, started);
        return new PreparedMail(mail, inbound, message, quarantine);
    }

    /// <summary>Routes one prepared message inside the caller's transaction and saves it (not committed).</summary>
    private async Task<IngestResult> StoreAsync(PrivacyDeskDbContext db, PreparedMail prepared, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var result = prepared.Quarantine is { } reason
            ? Quarantine(db, prepared.Inbound, reason)
            : await RouteAsync(db, prepared.Inbound, prepared.Message!, ct);
        await db.SaveChangesAsync(ct);
        meter.Add(IntakePhase.Store, started);
        return result;
    }

    /// <summary>
    /// A context for intake's writes. No automatic savepoints: every failure rolls the whole transaction back (and
    /// the batch is retried message by message), so the two extra statements EF sends around each save buy nothing.
    /// </summary>
    private PrivacyDeskDbContext WriterContext(int merchantId, AuditActor actor)
    {
        var db = factory.CreateDbContext().WithScope(MerchantScope.Only([merchantId]), actor);
        db.Database.AutoSavepointsEnabled = false;
        return db;
    }

    private void LogStored(InboundMessage inbound, string origin) =>
        // The origin names a mailbox file or folder, never the sender; upload names are reduced to the extension-less kind.
        log.LogInformation("Mail {InboundId} from {Source}: {Status} (request {RequestId})", inbound.Id, origin.Split(':')[0], inbound.Status, inbound.RequestId);

    private async Task<IngestResult> RouteAsync(PrivacyDeskDbContext db, InboundMessage inbound, MimeMessage message, CancellationToken ct)
    {
        var body = BodyText(message);
        var attachments = MailAttachments.Select(message, options.Value.AttachmentCapMegabytes, out var omitted);
        inbound.OmittedAttachments = omitted.Count == 0 ? null : JsonSerializer.Serialize(omitted, AuditJson.Options);

        var matching = Stopwatch.GetTimestamp();
        var thread = await threading.FindRequestAsync(db, inbound.MerchantId, message, inbound.FromAddress, ct);
        meter.Add(IntakePhase.Match, matching);
        if (thread.ClaimedReference is { } claimed)
            return Quarantine(db, inbound, QuarantineReasons.Encode(QuarantineCode.ClaimsReference, claimed));
        if (thread.Request is { } existing)
        {
            inbound.Status = InboundStatus.Reply;
            inbound.RequestId = existing.Id;
            db.InboundMessages.Add(inbound);
            await db.SaveChangesAsync(ct);
            var evt = RequestIntake.AddEvent(db, existing, RequestEventKind.EmailReceived, body,
                new { from = inbound.FromAddress, subject = inbound.Subject, inboundId = inbound.Id, omitted = omitted.Count });
            evt.Attachments.AddRange(attachments.Select(a => a.ToRequestAttachment(existing.MerchantId)));
            existing.UpdatedAt = clock.GetUtcNow();
            db.Audit("mail.reply-received", nameof(PrivacyRequest), existing.Id, existing.MerchantId, new { existing.Reference, inbound = inbound.Id, inbound.Origin });
            return new IngestResult(InboundStatus.Reply, 0, existing.Id, existing.Reference, false, null);
        }

        if (inbound.FromAddress is null || !RequestIntake.LooksLikeEmail(inbound.FromAddress))
            return Quarantine(db, inbound, QuarantineReasons.Encode(QuarantineCode.NoSender));
        if (AutomaticMail.Reason(message) is { } automatic)
        {
            // A notice of a campaign that came back: the person's record says so (kept, like every automatic message, in quarantine).
            if (await Notices.NoticeBounces.TieAsync(db, inbound.MerchantId, message, ct) is { } bounced)
                automatic = QuarantineReasons.Encode(QuarantineCode.NoticeBounced, bounced);
            return Quarantine(db, inbound, automatic);
        }
        if (string.IsNullOrWhiteSpace(body) && string.IsNullOrWhiteSpace(inbound.Subject) && attachments.Count == 0)
            return Quarantine(db, inbound, QuarantineReasons.Encode(QuarantineCode.Empty));

        var classifying = Stopwatch.GetTimestamp();
        Classification.Classification classification = RequestClassifier.Classify(inbound.Subject, body);
        meter.Add(IntakePhase.Classify, classifying);
        matching = Stopwatch.GetTimestamp();
        var candidates = await CustomerMatcher.FindAsync(db, inbound.MerchantId, inbound.FromAddress, inbound.FromName, body, ct);
        meter.Add(IntakePhase.Match, matching);
        PrivacyRequest request;
        try
        {
            // Its timeline and audit record are saved with the inbound message below, in one save.
            request = await requests.OpenAsync(db, new NewRequest(
                inbound.MerchantId, classification.Types, RequestChannel.Email, classification.Language,
                inbound.FromName ?? inbound.FromAddress, inbound.FromAddress,
                Subject: Truncate(inbound.Subject, RequestIntake.MaxSubject), Message: Truncate(body, RequestIntake.MaxMessage), ReceivedAt: inbound.ReceivedAt,
                OptOutChannels: classification.Types.Contains(RequestType.Withdrawal) ? OptOutChannelsIn(body, inbound.Subject) : ContactChannels.None), ct, callerSaves: true);
        }
        catch (RequestValidationException e)
        {
            return Quarantine(db, inbound, QuarantineReasons.Encode(QuarantineCode.NotOpened, string.Join("; ", e.Errors.SelectMany(x => x.Value))));
        }

        request.Classification = JsonSerializer.Serialize(ClassificationRecord.From(classification), AuditJson.Options);
        request.CustomerCandidates = candidates.Count == 0 ? null : JsonSerializer.Serialize(candidates, AuditJson.Options);
        inbound.Status = InboundStatus.NewRequest;
        inbound.RequestId = request.Id;
        inbound.Classification = request.Classification;
        db.InboundMessages.Add(inbound);
        await db.SaveChangesAsync(ct);

        var received = RequestIntake.AddEvent(db, request, RequestEventKind.EmailReceived, body,
            new { from = inbound.FromAddress, subject = inbound.Subject, inboundId = inbound.Id, omitted = omitted.Count });
        received.Attachments.AddRange(attachments.Select(a => a.ToRequestAttachment(request.MerchantId)));
        db.Audit("mail.request-opened", nameof(PrivacyRequest), request.Id, request.MerchantId, new
        {
            request.Reference, inbound = inbound.Id, inbound.Origin, type = classification.Type.Code(), classification.Confidence, candidates = candidates.Count,
        });
        await acknowledgement.QueueAsync(db, request, inbound.MessageIdHeader, ct);
        return new IngestResult(InboundStatus.NewRequest, 0, request.Id, request.Reference, false, null);
    }

    private async Task<IngestResult> QuarantineAfterFailureAsync(int merchantId, InboundMessage failed, string reason, AuditActor actor, CancellationToken ct)
    {
        log.LogWarning("Mail from {Source} could not be processed and was quarantined: {Reason}", failed.Origin.Split(':')[0], reason);
        await using var db = factory.CreateDbContext().WithScope(MerchantScope.Only([merchantId]), actor);
        var inbound = new InboundMessage
        {
            MerchantId = failed.MerchantId, SourceId = failed.SourceId, Origin = failed.Origin, DedupeKey = failed.DedupeKey,
            MessageIdHeader = failed.MessageIdHeader, InReplyTo = failed.InReplyTo, ContentSha256 = failed.ContentSha256,
            RawGzip = failed.RawGzip, RawSize = failed.RawSize, FromAddress = failed.FromAddress, FromName = failed.FromName,
            Subject = failed.Subject, SentAt = failed.SentAt, ReceivedAt = failed.ReceivedAt,
        };
        var result = Quarantine(db, inbound, QuarantineReasons.Encode(QuarantineCode.Failed, reason));
        await db.SaveChangesAsync(ct);
        return result with { InboundId = inbound.Id };
    }

    /// <summary>Faults of the message itself (bad content the code could not take), as opposed to the database or a shutdown, which must propagate.</summary>
    private static bool IsMessageFault(Exception e) =>
        e is not (OperationCanceledException or DbUpdateException or StorageUnavailableException or ObjectDisposedException) && !Data.Providers.DbErrors.IsDatabaseError(e);

    private static string Failure(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private IngestResult Quarantine(PrivacyDeskDbContext db, InboundMessage inbound, string reason)
    {
        inbound.Status = InboundStatus.Quarantined;
        inbound.QuarantineReason = Truncate(reason, 1000);
        db.InboundMessages.Add(inbound);
        db.Audit("mail.quarantined", nameof(InboundMessage), inbound.DedupeKey, inbound.MerchantId, new { inbound.Origin, reason });
        return new IngestResult(InboundStatus.Quarantined, 0, null, null, false, reason);
    }

    private static async Task<IngestResult?> FindDuplicateAsync(PrivacyDeskDbContext db, int merchantId, string dedupeKey, CancellationToken ct) =>
        (await StoredAsync(db, merchantId, [dedupeKey], ct)).GetValueOrDefault(dedupeKey);

    /// <summary>The text an officer reads: the plain body, else the HTML body converted to text.</summary>
    public static string BodyText(MimeMessage message) => MailParsing.BodyText(message);

    private static ContactChannels OptOutChannelsIn(string body, string? subject)
    {
        var t = RequestClassifier.Normalise((subject ?? "") + " " + body).Replace("e-mail", "email");
        var channels = ContactChannels.None;
        if (Regex.IsMatch(t, @"\b(emails?|courriels?|newsletters?|infolettres?)\b")) channels |= ContactChannels.Email;
        if (Regex.IsMatch(t, @"\b(sms|texts?|texting|textos?)\b")) channels |= ContactChannels.Sms;
        if (Regex.IsMatch(t, @"\b(call(s|ing)?|phone|appel(s|er|ez)?|m'appeler|telephon\w*)\b")) channels |= ContactChannels.Phone;
        if (Regex.IsMatch(t, @"\b(mail|by post|par la poste|courrier postal|catalogu?e?s?|flyers?|depliants?)\b")) channels |= ContactChannels.Post;
        // A withdrawal that names no channel is taken as email, the channel it came by.
        return channels == ContactChannels.None ? ContactChannels.Email : channels;
    }

    internal static byte[] Compress(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(raw);
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static string? Truncate(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}

/// <summary>The classification as stored on the request and shown on the ticket.</summary>
public sealed record ClassificationRecord(string Type, IReadOnlyList<string> Types, string Language, double Confidence, IReadOnlyList<string> Evidence)
{
    public static ClassificationRecord From(Classification.Classification c) =>
        new(c.Type.Code(), c.Types.Select(t => t.Code()).ToList(), c.Language, c.Confidence, c.Evidence);

    public static ClassificationRecord? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ClassificationRecord>(json, AuditJson.Options);
}
