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
            // Every notice entirely in its reader's language: refuse while a language's facts are incomplete.
            foreach (var language in pending.Select(p => p.Language == "en" ? "en" : "fr").Distinct().Order())
                if (IncidentFacts.MissingIn(incident, language) is { Count: > 0 } missing)
                    return text.Format("Breach.FactsMissing", text[$"LanguageName.{language}"], string.Join(", ", missing.Select(k => text[k])));
            var letterFiles = new List<(string Name, byte[] Pdf)>();
            foreach (var person in pending)
            {
                var t = DocText.For(text, person.Language, merchant);
                var (subject, body) = Notice(incident, merchant, person, t);
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
                    letterFiles.Add(($"{letterFiles.Count + 1:D4}-{Documents.FileNames.Safe(person.Name)}.pdf", PdfRenderer.Render(Letter(incident, merchant, person, subject, body, t))));
                    person.Notice = NoticeStatus.Letter;
                    letters++;
                }
                person.NoticeAt = clock.GetUtcNow();
            }
            var evt = AddEvent(ctx, incident, IncidentEventKind.NoticesQueued, me, text.Format("Breach.NoticesQueued", emailed, letters));
            // One PDF per person (each its own page numbers, its own address block), zipped when there are several.
            if (letterFiles.Count == 1) (evt.FileName, evt.File) = ($"notice-{incident.Reference}.pdf", letterFiles[0].Pdf);
            else if (letterFiles.Count > 1) (evt.FileName, evt.File) = ($"notices-{incident.Reference}.zip", Zip(letterFiles));
            if (incident.Status is IncidentStatus.Open or IncidentStatus.Assessing) incident.Status = IncidentStatus.Notifying;
            return null;
        });
        return result with { Count = emailed + letters };
    }

    private PdfDoc Letter(Incident incident, Merchant merchant, AffectedPerson person, string subject, string body, DocText t) =>
        new(subject, merchant.LegalName ?? merchant.Name, subject, t.LanguageTag, merchant.Name, incident.Reference, t.PageFormat,
        [
            new PdfParagraph(Documents.Letterhead.Of(merchant), PdfTextStyle.Small),
            new PdfSpacer(10),
            new PdfParagraph(t.Date(clock.GetUtcNow())),
            new PdfSpacer(4),
            new PdfParagraph(string.Join("\n", new[] { person.Name, person.PostalAddress }.Where(x => !string.IsNullOrWhiteSpace(x)))),
            new PdfSpacer(10),
            new PdfHeading(subject, 2),
            new PdfParagraph(body),
        ], merchant.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter);

    private static byte[] Zip(IReadOnlyList<(string Name, byte[] Pdf)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, pdf) in files)
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest).Open();
                entry.Write(pdf);
            }
        return buffer.ToArray();
    }

    /// <summary>The regime a person's notice answers under, from where they live.</summary>
    public static BreachRegime? RegimeOf(AffectedPerson p) => (p.Country, p.Region) switch
    {
        ("CA", "QC") => BreachRegime.Quebec,
        ("CA", _) => BreachRegime.Pipeda,
        ("US", "AZ") => BreachRegime.Arizona,
        ("US", _) => null,
        _ => Documents.Places.IsHome(p.Country, "FR") ? BreachRegime.Gdpr : null,
    };

    /// <summary>
    /// The notice's subject and body in one language, with what each law asks of it: the information
    /// involved, the circumstances, the date or period, the likely consequences (GDPR art. 34(2)), the
    /// measures taken and planned, what the person can do, whom to contact, and where to complain
    /// (PIPEDA regulation s. 3(h); the CAI; the CNIL).
    /// </summary>
    public static (string Subject, string Body) Notice(Incident i, Merchant m, AffectedPerson person, DocText t)
    {
        var f = IncidentFacts.In(i, t.Language);
        var period = i.OccurredFrom is { } from
            ? i.OccurredTo is { } to && t.Date(to) != t.Date(from) ? $"{t.Date(from)} – {t.Date(to)}" : t.Date(from)
            : t["Breach.PeriodUnknown"];
        var contact = string.Join(", ", new[] { m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var measures = string.IsNullOrWhiteSpace(f.MeasuresPlanned) ? f.MeasuresTaken : $"{f.MeasuresTaken}\n{t["Notice.Planned"]} {f.MeasuresPlanned}";
        var complain = RegimeOf(person) is { } regime && t.Language is "fr" or "en" ? t[$"Notice.Complain.{regime}"] : "";
        var body = string.Join("\n\n", new[]
        {
            t.F("Notice.Dear", person.Name),
            t.F("Notice.Intro", m.Name),
            $"{t["Notice.What"]}\n{f.Description}" + (string.IsNullOrWhiteSpace(f.Cause) ? "" : $"\n{t["Notice.Cause"]} {f.Cause}"),
            $"{t["Notice.When"]}\n{period}. {t.F("Notice.AwareOn", t.Date(i.AwareAt))}",
            $"{t["Notice.Information"]}\n{f.InformationInvolved}",
            string.IsNullOrWhiteSpace(f.LikelyConsequences) ? "" : $"{t["Notice.Consequences"]}\n{f.LikelyConsequences}",
            $"{t["Notice.Measures"]}\n{measures}",
            $"{t["Notice.YouCan"]}\n{f.AdviceToPersons}",
            $"{t["Notice.Contact"]}\n{contact}" + (complain == "" ? "" : $"\n{complain}"),
        }.Where(x => x != ""));
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
