using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Outbox;

/// <summary>
/// Sends what the outbox holds, oldest first, with retries and growing delays; each outcome is
/// appended to the request's timeline (sent, or failed with the server's answer) and audited.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<PrivacyDeskDbContext> factory, IMailTransport transport, IOptions<MailOptions> options,
    TimeProvider clock, Data.Providers.WorkLeases leases, ILogger<OutboxSender> log) : BackgroundService
{
    private static readonly AuditActor Actor = new("outbox", "Outbox");
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try { full = await SendDueAsync(stoppingToken) == PassSize; }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Outbox pass failed"); }
            // A full pass means more are due (a campaign): the next pass starts at once.
            if (!full) await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock, stoppingToken).ContinueWith(_ => { });
        }
    }

    private const int PassSize = 50;

    /// <summary>One pass: sends up to <see cref="PassSize"/> due messages over one connection; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        // One sender at a time across the app's nodes: the due list is read under the lease, so no two take the same message.
        await using var lease = await leases.AcquireAsync("outbox", ct);
        await using var db = factory.CreateSystemContext(Actor);
        var now = clock.GetUtcNow();
        var waiting = db.Outbox.Where(m => (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Retrying) && m.NextAttemptAt <= now);
        // A request's mail (acknowledgements, replies: legal deadlines) goes before a campaign's notices, however many are queued.
        var due = await waiting.Where(m => m.CampaignRecipientId == null).OrderBy(m => m.Id).Take(PassSize).ToListAsync(ct);
        if (due.Count < PassSize)
            due.AddRange(await waiting.Where(m => m.CampaignRecipientId != null).OrderBy(m => m.CampaignRecipientId).Take(PassSize - due.Count).ToListAsync(ct));
        var sent = 0;
        if (due.Count == 0) return 0;
        await using var connection = await transport.OpenBatchAsync(ct);
        foreach (var message in due)
        {
            string? error = null;
            var permanent = false;
            try
            {
                await connection.SendAsync(message, await AttachmentsAsync(db, message, ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = e.Message;
                // The server refused the recipient for good (5xx on RCPT): retrying would not change its mind.
                permanent = e is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused && (int)refused.StatusCode >= 500;
            }
            message.Attempts++;
            if (error is null)
            {
                message.Status = OutboxStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
                if (message.ForgetBodyOnceSent) message.BodyText = "";
                sent++;
            }
            else if (permanent || message.Attempts >= options.Value.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                message.LastError = error;
            }
            else
            {
                message.Status = OutboxStatus.Retrying;
                message.LastError = error;
                message.NextAttemptAt = clock.GetUtcNow() + Backoff[Math.Min(message.Attempts - 1, Backoff.Length - 1)];
            }
            if (message.Status != OutboxStatus.Retrying)
            {
                await RecordAsync(db, message, ct);
                await Notices.CampaignRecipients.RecordOutcomeAsync(db, message, ct);
            }
            await db.SaveChangesAsync(ct);
            if (error is not null) log.LogWarning("Outbox message {Id} attempt {Attempt}: {Error}", message.Id, message.Attempts, Hosting.LogSafe.Redact(error));
        }
        return sent;
    }

    private static async Task<IReadOnlyList<OutgoingAttachment>> AttachmentsAsync(PrivacyDeskDbContext db, OutboxMessage m, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(m.AttachmentIds)) return [];
        var ids = m.AttachmentIds.Split(',').Select(long.Parse).ToList();
        var files = await db.RequestAttachments.AsNoTracking().Where(a => ids.Contains(a.Id) && a.MerchantId == m.MerchantId).ToListAsync(ct);
        return files.OrderBy(a => ids.IndexOf(a.Id)).Select(a => new OutgoingAttachment(a.FileName, a.ContentType, a.Content)).ToList();
    }

    private static async Task RecordAsync(PrivacyDeskDbContext db, OutboxMessage m, CancellationToken ct)
    {
        if (m.RequestId is not int requestId) return;
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return;
        var status = m.Status == OutboxStatus.Sent ? "sent" : "failed";
        RequestIntake.AddEvent(db, request, RequestEventKind.EmailSent, m.Status == OutboxStatus.Failed ? m.LastError : null,
            new { to = m.ToAddress, subject = m.Subject, status, outboxId = m.Id, attempts = m.Attempts, kind = m.Kind.ToString() });
        db.Audit($"mail.{status}", nameof(OutboxMessage), m.Id, m.MerchantId, new { request.Reference, to = m.ToAddress, m.Attempts, error = m.LastError });
    }
}
