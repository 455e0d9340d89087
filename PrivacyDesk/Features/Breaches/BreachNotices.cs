using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Intake.Outbox;

namespace PrivacyDesk.Features.Breaches;

/// <summary>
/// Notices to the people concerned, in each one's language, with what the law asks a notice to say
/// (Quebec s. 3.5; PIPEDA s. 10.1(5)): the information involved, the circumstances, the date or
/// period, the measures taken, what the person can do, and whom to contact. By email through the
/// outbox; for those without an email address, a PDF letter for the post.
/// </summary>
public sealed partial class BreachService
{
    public async Task<BreachResult> SendNoticesAsync(int id, string defaultFrom, CancellationToken ct = default)
    {
        var emailed = 0;
        var letters = 0;
        var result = await MutateAsync(id, null, "incident.notices-queued", ct, async (ctx, incident, me) =>
        {
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
            var pending = await ctx.AffectedPeople.Where(p => p.IncidentId == id && p.Notice == NoticeStatus.Pending).ToListAsync(ct);
            if (pending.Count == 0) return text["Breach.NoPendingNotices"];
            var letterBlocks = new List<PdfBlock>();
            foreach (var person in pending)
            {
                var t = DocText.For(text, person.Language, merchant);
                var (subject, body) = Notice(incident, merchant, person.Name, t);
                if (person.Email is { } email)
                {
                    var message = OutboxQueue.EnqueueStandalone(ctx, incident.MerchantId, merchant, OutboxKind.Notice, email, person.Name, $"{subject} [{incident.Reference}]",
                        body, person.Language, incident.Reference, defaultFrom, clock);
                    await ctx.SaveChangesAsync(ct);
                    person.OutboxId = message.Id;
                    person.Notice = NoticeStatus.Queued;
                    emailed++;
                }
                else
                {
                    if (letterBlocks.Count > 0) letterBlocks.Add(new PdfPageBreak());
                    letterBlocks.Add(new PdfParagraph(string.Join("\n", new[] { merchant.LegalName ?? merchant.Name, merchant.PostalAddress }.Where(x => !string.IsNullOrWhiteSpace(x))), PdfTextStyle.Small));
                    letterBlocks.Add(new PdfSpacer(10));
                    letterBlocks.Add(new PdfParagraph(t.Date(clock.GetUtcNow())));
                    letterBlocks.Add(new PdfParagraph(person.Name));
                    letterBlocks.Add(new PdfHeading(subject, 2));
                    letterBlocks.Add(new PdfParagraph(body));
                    person.Notice = NoticeStatus.Letter;
                    letters++;
                }
                person.NoticeAt = clock.GetUtcNow();
            }
            var evt = AddEvent(ctx, incident, IncidentEventKind.NoticesQueued, me, text.Format("Breach.NoticesQueued", emailed, letters));
            if (letterBlocks.Count > 0)
            {
                var t = DocText.For(text, merchant.DefaultLanguage, merchant);
                evt.FileName = $"notices-{incident.Reference}.pdf";
                evt.File = PdfRenderer.Render(new PdfDoc(evt.FileName, merchant.LegalName ?? merchant.Name, incident.Title, t.Language == "fr" ? "fr-CA" : "en-CA",
                    merchant.Name, incident.Reference, t.PageFormat, letterBlocks, merchant.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter));
            }
            if (incident.Status is IncidentStatus.Open or IncidentStatus.Assessing) incident.Status = IncidentStatus.Notifying;
            return null;
        });
        return result with { Count = emailed + letters };
    }

    /// <summary>The notice's subject and body in one language.</summary>
    public static (string Subject, string Body) Notice(Incident i, Merchant m, string name, DocText t)
    {
        var period = i.OccurredFrom is { } from
            ? i.OccurredTo is { } to && to.Date != from.Date ? $"{t.Date(from)} – {t.Date(to)}" : t.Date(from)
            : t["Breach.PeriodUnknown"];
        var contact = string.Join(", ", new[] { m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var body = string.Join("\n\n", new[]
        {
            t.F("Notice.Dear", name),
            t.F("Notice.Intro", m.Name),
            $"{t["Notice.What"]}\n{i.Description}" + (string.IsNullOrWhiteSpace(i.Cause) ? "" : $"\n{t["Notice.Cause"]} {i.Cause}"),
            $"{t["Notice.When"]}\n{period}. {t.F("Notice.AwareOn", t.Date(i.AwareAt))}",
            $"{t["Notice.Information"]}\n{i.InformationInvolved}",
            $"{t["Notice.Measures"]}\n{i.MeasuresTaken}",
            $"{t["Notice.YouCan"]}\n{i.AdviceToPersons}",
            $"{t["Notice.Contact"]}\n{contact}",
        });
        return (t.F("Notice.Subject", m.Name), body);
    }

    /// <summary>Each emailed notice's delivery status comes from its outbox message.</summary>
    private static async Task RefreshNoticeStatusAsync(PrivacyDeskDbContext ctx, List<AffectedPerson> people, CancellationToken ct)
    {
        var ids = people.Where(p => p.OutboxId is not null).Select(p => p.OutboxId!.Value).ToList();
        if (ids.Count == 0) return;
        var statuses = await ctx.Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Status }).ToDictionaryAsync(o => o.Id, o => o.Status, ct);
        foreach (var p in people.Where(p => p.OutboxId is not null))
            p.Notice = statuses.GetValueOrDefault(p.OutboxId!.Value) switch
            {
                OutboxStatus.Sent => NoticeStatus.Sent,
                OutboxStatus.Failed => NoticeStatus.Failed,
                _ => NoticeStatus.Queued,
            };
    }
}
