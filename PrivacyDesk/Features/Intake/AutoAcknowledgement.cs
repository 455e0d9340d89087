using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// The acknowledgement of receipt, when the merchant wants it automatic: written from the
/// acknowledgement template in the requester's language, carrying the reference tag, queued in the
/// outbox with the intake's transaction, and the request moved to Acknowledged.
/// </summary>
public sealed class AutoAcknowledgement(IOptions<MailOptions> mail, TimeProvider clock)
{
    public async Task QueueAsync(PrivacyDeskDbContext db, PrivacyRequest request, string? inReplyTo, CancellationToken ct)
    {
        var merchant = await RequestIntake.MerchantAsync(db, request.MerchantId, ct)
            ?? throw new InvalidOperationException($"Merchant {request.MerchantId} does not exist.");
        if (!merchant.AutoAcknowledge || request.RequesterEmail is null || request.PossibleDuplicateOfId is not null) return;
        var templates = await db.RememberAsync("templates:acknowledgement",
            () => db.ReplyTemplates.AsNoTracking().Where(t => t.Purpose == TemplatePurpose.Acknowledgement).ToListAsync(ct));
        var template = TemplatePick.One(templates, request, TemplatePurpose.Acknowledgement);
        if (template is null) return;

        var now = clock.GetUtcNow();
        var today = JurisdictionCodes.LocalDate(now, merchant.Country, merchant.Province);
        var rendered = ReplyTemplateService.Render(template, request, merchant, today, await TemplateModel.GenderAsync(db, request, ct));
        var subject = ThreadTags.Tagged(db, rendered.Subject, request.Reference);
        var evt = RequestIntake.AddEvent(db, request, RequestEventKind.Reply, rendered.Body,
            new { to = request.RequesterEmail, subject, status = "queued", automatic = true });
        OutboxQueue.Enqueue(db, request, merchant, evt, OutboxKind.Acknowledgement, request.RequesterEmail, subject, rendered.Body, mail.Value.DefaultFrom, clock, inReplyTo);

        RequestIntake.AddEvent(db, request, RequestEventKind.StatusChanged, null, new { from = request.Status.ToString(), to = RequestStatus.Acknowledged.ToString() });
        request.Status = RequestStatus.Acknowledged;
        request.AcknowledgedAt = now;
        RequestIntake.AddEvent(db, request, RequestEventKind.Acknowledged, null, new { automatic = true });
    }
}
