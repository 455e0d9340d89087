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
/// <summary>
/// Something a notice cannot say yet: a section of the incident left empty (<see cref="Language"/> null), or a
/// fact not yet written in the language of some of its readers. <see cref="Blocking"/> false: it should be
/// filled in, but it is the merchant's setting (the privacy officer's contact), not the incident's, and does not stop the notices.
/// </summary>
public sealed record NoticeGap(string LabelKey, string? Language = null, bool Blocking = true);

/// <summary>The notices of one language as their readers will read them (the first reader's, by name), and how many go out.</summary>
public sealed record NoticePreview(string Language, int Count, int ByEmail, int ByLetter, string SampleName, string Subject, string Body);

/// <summary>What "notify the persons concerned" will do: how many, in which languages, with what text, and what is still missing.</summary>
public sealed record NoticePlan(int Count, int ByEmail, int ByLetter, IReadOnlyList<NoticePreview> Languages, IReadOnlyList<NoticeGap> Missing)
{
    public bool CanSend => Count > 0 && Missing.All(g => !g.Blocking);
}

public sealed partial class BreachService
{
    /// <summary>The language a person's notice is written in: English for those who read it, French otherwise (the Charter's default).</summary>
    public static string NoticeLanguage(AffectedPerson p) => p.Language == "en" ? "en" : "fr";

    /// <summary>
    /// The sections every notice must fill (Quebec regulation s. 5; PIPEDA regulation s. 3; GDPR art. 34(2)), by the
    /// incident's field and its form label: what happened, the information involved, what was done, what the person can do;
    /// the likely consequences too when a reader is under the GDPR.
    /// </summary>
    private static IEnumerable<(string LabelKey, Func<Facts, string> Value)> RequiredSections(bool gdpr)
    {
        yield return ("Breach.Description", f => f.Description);
        yield return ("Filing.Information", f => f.InformationInvolved);
        yield return ("Filing.MeasuresTaken", f => f.MeasuresTaken);
        yield return ("Breach.Advice", f => f.AdviceToPersons);
        if (gdpr) yield return ("Breach.LikelyConsequences", f => f.LikelyConsequences);
    }

    /// <summary>
    /// What stops (or should stop) the notices to <paramref name="recipients"/>: each required section left empty, each
    /// fact not yet translated for a language among them, and the contact the notice gives when the merchant has none.
    /// Empty when there is nobody to notify. The page disables the button while a blocking item remains; the send refuses.
    /// </summary>
    public static IReadOnlyList<NoticeGap> MissingForNotices(Incident incident, Admin.Merchants.Merchant merchant, IEnumerable<AffectedPerson> recipients)
    {
        var people = recipients.ToList();
        var gaps = new List<NoticeGap>();
        if (people.Count == 0) return gaps;
        var original = IncidentFacts.In(incident, incident.FactsLanguage);
        foreach (var (key, value) in RequiredSections(people.Any(p => RegimeOf(p) == BreachRegime.Gdpr)))
            if (string.IsNullOrWhiteSpace(value(original))) gaps.Add(new NoticeGap(key));
        // Every notice entirely in its reader's language: a fact written in the incident's language but not in the reader's stops it.
        foreach (var language in people.Select(NoticeLanguage).Distinct().Order())
            foreach (var key in IncidentFacts.MissingIn(incident, language))
                gaps.Add(new NoticeGap(key, language));
        if (string.IsNullOrWhiteSpace(Contact(merchant))) gaps.Add(new NoticeGap("Breach.NoticeContact", Blocking: false));
        return gaps;
    }

    /// <summary>The gaps in words: one line for the empty sections, one per language for the missing translations, one per advice.</summary>
    public static IReadOnlyList<string> DescribeGaps(IReadOnlyList<NoticeGap> gaps, Hosting.Localization.UiText text)
    {
        var lines = new List<string>();
        var sections = gaps.Where(g => g.Blocking && g.Language is null).Select(g => text[g.LabelKey]).ToList();
        if (sections.Count > 0) lines.Add(text.Format("Breach.NoticeSectionsEmpty", string.Join(", ", sections)));
        foreach (var language in gaps.Where(g => g.Language is not null).Select(g => g.Language!).Distinct())
            lines.Add(text.Format("Breach.FactsMissing", text[$"LanguageName.{language}"], string.Join(", ", gaps.Where(g => g.Language == language).Select(g => text[g.LabelKey]))));
        lines.AddRange(gaps.Where(g => !g.Blocking).Select(g => text[$"{g.LabelKey}.Missing"]));
        return lines;
    }

    private static string Contact(Admin.Merchants.Merchant m) =>
        string.Join(", ", new[] { m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x)));

    /// <summary>
    /// The notices that "notify" would send now, rendered for each language among the people waiting (the text of the
    /// first of them, by name), with the counts by language and by email or letter, and what is still missing.
    /// Null when the incident is not found. Nothing is sent or changed.
    /// </summary>
    public async Task<NoticePlan?> NoticePlanAsync(int id, CancellationToken ct = default)
    {
        await RequireAsync(Handlers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var incident = await ctx.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return null;
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
        var pending = await ctx.AffectedPeople.AsNoTracking().Where(p => p.IncidentId == id && p.Notice == NoticeStatus.Pending).OrderBy(p => p.Name).ToListAsync(ct);
        var languages = pending.GroupBy(NoticeLanguage).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g =>
        {
            var sample = g.First();
            var (subject, body) = Notice(incident, merchant, sample, DocText.For(text, g.Key, merchant));
            return new NoticePreview(g.Key, g.Count(), g.Count(p => p.Email is not null), g.Count(p => p.Email is null), sample.Name, subject, body);
        }).ToList();
        return new NoticePlan(pending.Count, pending.Count(p => p.Email is not null), pending.Count(p => p.Email is null), languages,
            MissingForNotices(incident, merchant, pending));
    }

    /// <summary>
    /// Sends the notices only if exactly <paramref name="expectedCount"/> people are waiting: the number the officer
    /// confirmed. When someone was added (or notified) since the preview, nothing goes out and the officer looks again.
    /// </summary>
    public Task<BreachResult> SendNoticesAsync(int id, string defaultFrom, int expectedCount, CancellationToken ct = default) =>
        SendNoticesCoreAsync(id, defaultFrom, expectedCount, ct);

    public Task<BreachResult> SendNoticesAsync(int id, string defaultFrom, CancellationToken ct = default) =>
        SendNoticesCoreAsync(id, defaultFrom, null, ct);

    private async Task<BreachResult> SendNoticesCoreAsync(int id, string defaultFrom, int? expectedCount, CancellationToken ct)
    {
        var emailed = 0;
        var letters = 0;
        var result = await MutateAsync(id, null, "incident.notices-queued", ct, async (ctx, incident, me) =>
        {
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
            var pending = await ctx.AffectedPeople.Where(p => p.IncidentId == id && p.Notice == NoticeStatus.Pending).ToListAsync(ct);
            if (pending.Count == 0) return text["Breach.NoPendingNotices"];
            // In the same transaction as the sending: the count confirmed is the count sent, or nothing is.
            if (expectedCount is { } expected && pending.Count != expected) return text.Format("Breach.NoticesCountChanged", pending.Count);
            // Refused while a required section is empty, or a reader's language lacks a fact: nothing half-written goes out.
            var gaps = MissingForNotices(incident, merchant, pending).Where(g => g.Blocking).ToList();
            if (gaps.Count > 0) return string.Join(" ", DescribeGaps(gaps, text));
            var letterFiles = new List<(string Name, byte[] Pdf)>();
            foreach (var person in pending)
            {
                var t = DocText.For(text, NoticeLanguage(person), merchant);
                var (subject, body) = Notice(incident, merchant, person, t);
                if (person.Email is { } email)
                {
                    var message = OutboxQueue.EnqueueStandalone(ctx, incident.MerchantId, merchant, OutboxKind.Notice, email, person.Name, $"{subject} [{incident.Reference}]",
                        body, t.Language, incident.Reference, defaultFrom, clock);
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
        var contact = Contact(m);
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
