using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;

namespace PrivacyDesk.Features.Breaches;

/// <summary>One field of a filing: its label key and the value the officer will send.</summary>
public sealed record FilingField(string Key, string Value);

/// <summary>
/// Regulator filings pre-filled from the case with every field ../shared/DOMAIN.md lists, edited by
/// the officer, exported as PDF (the CAI and CNIL forms in French, the OPC's in the merchant's
/// language), kept with the incident, and marked filed with the date.
/// </summary>
public sealed partial class BreachService
{
    public static string LanguageOf(FilingKind kind, string merchantLanguage) => kind is FilingKind.Cai or FilingKind.Cnil or FilingKind.CnilFollowUp ? "fr" : merchantLanguage;

    public async Task<List<FilingField>?> FilingFieldsAsync(int id, FilingKind kind, CancellationToken ct = default)
    {
        var view = await GetAsync(id, ct);
        if (view is null) return null;
        var (i, m, people) = (view.Incident, view.Merchant, view.People);
        var t = DocText.For(text, LanguageOf(kind, m.DefaultLanguage), m);
        var f = IncidentFacts.In(i, t.Language);
        string Count(int n) => n.ToString(t.Culture);
        string Period(DateTimeOffset? from, DateTimeOffset? to) => from is null ? t["Breach.PeriodUnknown"] : to is null || t.Date(to.Value) == t.Date(from.Value) ? t.Date(from.Value) : $"{t.Date(from.Value)} – {t.Date(to.Value)}";
        var contact = string.Join(", ", new[] { m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var circumstances = string.IsNullOrWhiteSpace(f.Cause) ? f.Description : $"{f.Description}\n{t["Notice.Cause"]} {f.Cause}";
        var regime = kind == FilingKind.Cai ? BreachRegime.Quebec : kind == FilingKind.Opc ? BreachRegime.Pipeda : BreachRegime.Gdpr;
        var assessment = view.Assessments.Where(a => a.Regime == regime).OrderByDescending(a => a.AssessedAt).FirstOrDefault();
        // The assessment as the authority reads it: the finding, the officer's reasons and the judgement, not the app's instruction to the officer.
        var risk = assessment is null ? "" : $"{t[Finding(assessment.Outcome)]}. {assessment.Reasoning} ({t["Risk.Sensitivity"]}: {t[$"Risk.Level.{assessment.Sensitivity}"]}; {t["Risk.Likelihood"]}: {t[$"Risk.Level.{assessment.Likelihood}"]}; {t["Risk.Consequences"]}: {t[$"Risk.Level.{assessment.Consequences}"]})";
        var notified = people.Where(p => p.NoticeAt is not null).ToList();
        var notify = notified.Count == 0
            ? t.F("Filing.NoNoticesYet", Count(people.Count))
            : t.F("Filing.NoticesSoFar", Count(notified.Count), Count(people.Count), t.Date(notified.Min(p => p.NoticeAt!.Value)), t.Date(notified.Max(p => p.NoticeAt!.Value)),
                Count(notified.Count(p => p.Notice != NoticeStatus.Letter)), Count(notified.Count(p => p.Notice == NoticeStatus.Letter)));
        var measures = string.IsNullOrWhiteSpace(f.MeasuresPlanned) ? f.MeasuresTaken : $"{f.MeasuresTaken}\n{t["Notice.Planned"]} {f.MeasuresPlanned}";
        // Item 11 of the CAI notice: the other authorities told, each with its own date.
        var others = string.Join("; ", view.Filings.Where(x => x.FiledAt is not null && x.Kind != kind && !(kind is FilingKind.Cnil or FilingKind.CnilFollowUp && x.Kind is FilingKind.Cnil or FilingKind.CnilFollowUp))
                .GroupBy(x => x.Kind == FilingKind.CnilFollowUp ? FilingKind.Cnil : x.Kind)
                .Select(g => $"{t[$"Register.Authority.{g.Key}"]}, {t.Date(g.Min(x => x.FiledAt)!.Value)}")
            .Concat(string.IsNullOrWhiteSpace(i.OtherAuthorities) ? [] : [i.OtherAuthorities]));
        var categories = string.Join(", ", i.DataCategories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => t[$"Category.{c}"]));
        var fields = kind switch
        {
            FilingKind.Opc => new List<FilingField>
            {
                new("Filing.Organisation", m.LegalName ?? m.Name), new("Filing.Contact", contact),
                new("Filing.Circumstances", circumstances), new("Filing.Period", Period(i.OccurredFrom, i.OccurredTo)),
                new("Filing.Information", f.InformationInvolved), new("Filing.Individuals", Count(people.Count)),
                new("Filing.RiskAssessment", risk), new("Filing.MeasuresToReduceHarm", measures), new("Filing.NotifyIndividuals", notify),
                new("Filing.ReportDate", t.Date(clock.GetUtcNow())),
            },
            FilingKind.Cai => new List<FilingField>
            {
                new("Filing.Organisation", m.LegalName ?? m.Name), new("Filing.Neq", m.QuebecEnterpriseNumber ?? ""), new("Filing.Contact", contact),
                new("Filing.Information", f.InformationInvolved), new("Filing.Circumstances", circumstances),
                new("Filing.Period", Period(i.OccurredFrom, i.OccurredTo)), new("Filing.KnownOn", t.Date(i.AwareAt)),
                new("Filing.Persons", Count(people.Count)), new("Filing.QuebecResidents", Count(people.Count(p => p.Country == "CA" && p.Region == "QC"))),
                new("Filing.WhyRisk", risk), new("Filing.NotifyPersons", notify), new("Filing.MeasuresTakenAndPlanned", measures),
                new("Filing.OtherAuthorities", others == "" ? t["Filing.NoOtherAuthority"] : others),
            },
            _ => new List<FilingField>
            {
                new("Filing.Phase", t[kind == FilingKind.CnilFollowUp ? "Filing.PhaseFollowUp" : "Filing.PhaseInitial"]),
                new("Filing.Organisation", m.LegalName ?? m.Name), new("Filing.Dpo", contact),
                new("Filing.Nature", circumstances), new("Filing.Period", Period(i.OccurredFrom, i.OccurredTo)), new("Filing.KnownOn", t.DateTime(i.AwareAt)),
                new("Filing.DataCategories", categories == "" ? f.InformationInvolved : $"{f.InformationInvolved} ({categories})"),
                new("Filing.Persons", Count(people.Count)), new("Filing.PersonsInFrance", Count(people.Count(p => p.Country == "FR"))),
                new("Filing.Records", i.ApproximateRecords is { } n ? Count(n) : t["Filing.RecordsUnknown"]),
                new("Filing.Consequences", f.LikelyConsequences), new("Filing.RiskLevel", risk),
                new("Filing.MeasuresTakenAndPlanned", measures), new("Filing.NotifyPersons", notify),
                new("Filing.ReasonsForDelay", clock.GetUtcNow() > BreachClocks.GdprDeadline(i.AwareAt) ? i.ReasonsForDelay ?? t["Filing.DelayNotGiven"] : t["Filing.NotLate"]),
            },
        };
        return fields;
    }

    /// <summary>"Risk.Verdict.SeriousInjury" (the officer's instruction) as "Risk.Finding.SeriousInjury" (the finding an authority reads).</summary>
    internal static string Finding(string outcomeKey) => outcomeKey.Replace("Risk.Verdict.", "Risk.Finding.", StringComparison.Ordinal);

    /// <summary>
    /// The fields an authority's form cannot go without, by kind: who the organisation is, what happened, what
    /// information, why there is a risk (the assessment), and what was done. The contact is asked too but does not
    /// block (it is the merchant's setting, and the officer may type it in the filing).
    /// </summary>
    private static readonly IReadOnlyDictionary<FilingKind, string[]> RequiredFilingFields = new Dictionary<FilingKind, string[]>
    {
        [FilingKind.Opc] = ["Filing.Organisation", "Filing.Circumstances", "Filing.Information", "Filing.RiskAssessment", "Filing.MeasuresToReduceHarm"],
        [FilingKind.Cai] = ["Filing.Organisation", "Filing.Information", "Filing.Circumstances", "Filing.WhyRisk", "Filing.MeasuresTakenAndPlanned"],
        [FilingKind.Cnil] = ["Filing.Organisation", "Filing.Nature", "Filing.DataCategories", "Filing.Consequences", "Filing.RiskLevel", "Filing.MeasuresTakenAndPlanned"],
        [FilingKind.CnilFollowUp] = ["Filing.Organisation", "Filing.Nature", "Filing.DataCategories", "Filing.Consequences", "Filing.RiskLevel", "Filing.MeasuresTakenAndPlanned"],
    };

    /// <summary>
    /// The fields of a filing (as the officer edited them) that are empty but must not be, as label keys; the contact
    /// (Filing.Contact, Filing.Dpo) as a non-blocking gap. The export is refused while a blocking one remains.
    /// </summary>
    public static IReadOnlyList<NoticeGap> MissingForFiling(FilingKind kind, IReadOnlyList<FilingField> fields)
    {
        bool Empty(string key) => fields.FirstOrDefault(f => f.Key == key) is not { } f || string.IsNullOrWhiteSpace(f.Value);
        var gaps = RequiredFilingFields[kind].Where(Empty).Select(k => new NoticeGap(k)).ToList();
        foreach (var key in new[] { "Filing.Contact", "Filing.Dpo" })
            if (fields.Any(f => f.Key == key) && Empty(key)) gaps.Add(new NoticeGap(key, Blocking: false));
        return gaps;
    }

    /// <summary>A filing's fields as they were exported.</summary>
    public static IReadOnlyList<FilingField> FieldsOf(Filing filing)
    {
        try { return JsonSerializer.Deserialize<List<FilingField>>(filing.FieldsJson) ?? []; }
        catch (JsonException) { return []; }
    }

    /// <summary>Exports the filing as PDF with the fields as edited, keeps it with the incident, and returns its id. Refused while a required field is empty.</summary>
    public async Task<(BreachResult Result, long? FilingId, byte[]? Pdf)> ExportFilingAsync(int id, FilingKind kind, IReadOnlyList<FilingField> fields, CancellationToken ct = default)
    {
        long? filingId = null;
        byte[]? pdf = null;
        var result = await MutateAsync(id, null, "incident.filing-exported", ct, async (ctx, incident, me) =>
        {
            if (MissingForFiling(kind, fields).Where(g => g.Blocking).Select(g => text[g.LabelKey]).ToList() is { Count: > 0 } missing)
                return text.Format("Breach.FilingFieldsEmpty", string.Join(", ", missing));
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
            var t = DocText.For(text, LanguageOf(kind, merchant.DefaultLanguage), merchant);
            var title = t[$"Filing.Title.{kind}"];
            pdf = PdfRenderer.Render(new PdfDoc($"{title} {incident.Reference}", merchant.LegalName ?? merchant.Name, title, t.LanguageTag,
                merchant.Name, incident.Reference, t.PageFormat,
                [
                    new PdfHeading(title),
                    new PdfParagraph(t[$"Filing.Intro.{kind}"], PdfTextStyle.Small),
                    new PdfKeyValues([(t["Doc.Reference"], incident.Reference), .. fields.Select(f => (t[f.Key], f.Value))]),
                ], merchant.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter));
            var filing = new Filing { IncidentId = id, MerchantId = incident.MerchantId, Kind = kind, FieldsJson = JsonSerializer.Serialize(fields), ExportedAt = clock.GetUtcNow() };
            ctx.Filings.Add(filing);
            var evt = AddEvent(ctx, incident, IncidentEventKind.FilingExported, me, title);
            evt.FileName = $"{kind.ToString().ToLowerInvariant()}-{incident.Reference}.pdf";
            evt.File = pdf;
            await ctx.SaveChangesAsync(ct);
            filingId = filing.Id;
            return null;
        });
        return (result, filingId, pdf);
    }

    public async Task<BreachResult> MarkFiledAsync(int id, long filingId, DateTimeOffset filedAt, CancellationToken ct = default) =>
        await MutateAsync(id, null, "incident.filed", ct, async (ctx, incident, me) =>
        {
            var filing = await ctx.Filings.FirstOrDefaultAsync(f => f.Id == filingId && f.IncidentId == id, ct);
            if (filing is null) return text["Breach.NotFound"];
            filing.FiledAt = filedAt;
            // Stored as codes with the merchant's calendar date ("Cai: 2026-11-20"); the timeline shows it in words (EventText).
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
            var day = Requests.Deadlines.JurisdictionCodes.LocalDate(filedAt, merchant.Country, merchant.Province);
            AddEvent(ctx, incident, IncidentEventKind.Filed, me, $"{filing.Kind}: {day:yyyy-MM-dd}");
            return null;
        });

    /// <summary>A file kept on the incident's timeline (filing PDFs, letters, attachments); the download is audited.</summary>
    public async Task<(string Name, byte[] Content)?> DownloadAsync(int id, long eventId, CancellationToken ct = default)
    {
        await RequireAsync(Readers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var evt = await ctx.IncidentEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId && e.IncidentId == id && e.File != null, ct);
        if (evt is null) return null;
        ctx.Audit("incident.file-downloaded", nameof(Incident), id, evt.MerchantId, new { evt.FileName });
        await ctx.SaveChangesAsync(ct);
        return (evt.FileName ?? "file.bin", evt.File!);
    }
}
