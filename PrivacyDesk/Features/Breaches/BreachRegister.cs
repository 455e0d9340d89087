using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches;

/// <summary>One incident as the Quebec register (and PIPEDA's record) asks for it.</summary>
/// <param name="RegulatorsNotified">Each authority with its own notification date ("CAI 2026-11-20; OPC 2026-11-21"), in words.</param>
/// <param name="KeepUntil">Five years after the incident was closed; null while it is open (the clock has not started).</param>
public sealed record RegisterRow(int Id, string Reference, string Merchant, string MerchantLegalName, string Title, string Information, string Circumstances,
    DateTimeOffset? OccurredFrom, DateTimeOffset? OccurredTo, DateTimeOffset AwareAt, int Persons, string Assessment,
    string RegulatorsNotified, DateTimeOffset? PersonsNotifiedAt, bool PublicNotice, string Measures, IncidentStatus Status, DateOnly? KeepUntil,
    int MerchantId = 0, string? PublicNoticeReason = null);

public sealed partial class BreachService
{
    /// <summary>Every incident, notified or not. Kept at least 5 years after closing (Quebec; PIPEDA asks 24 months): no purge is offered before.</summary>
    public Task<List<RegisterRow>> RegisterAsync(CancellationToken ct = default) => RegisterAsync(null, ct);

    /// <summary>The register of one enterprise (<paramref name="merchantId"/>), or of every merchant the reader sees when null (the page's list).</summary>
    public async Task<List<RegisterRow>> RegisterAsync(int? merchantId, CancellationToken ct = default)
    {
        await RequireAsync(Readers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var language = UiText.CurrentLanguage;
        var incidents = await ctx.Incidents.AsNoTracking().Where(i => merchantId == null || i.MerchantId == merchantId).OrderBy(i => i.AwareAt).ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var merchants = await ctx.Merchants.AsNoTracking().ToDictionaryAsync(m => m.Id, m => new { m.Name, Legal = m.LegalName ?? m.Name, m.Country, m.Province }, ct);
        // Each date on the merchant's own calendar: a filing sent at 21:00 in Montreal was sent that day, not the next (UTC's).
        string Day(int merchantId, DateTimeOffset at) => merchants.GetValueOrDefault(merchantId) is { } m
            ? Requests.Deadlines.JurisdictionCodes.LocalDate(at, m.Country, m.Province).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var persons = await ctx.AffectedPeople.AsNoTracking().Where(p => ids.Contains(p.IncidentId))
            .GroupBy(p => p.IncidentId).Select(g => new { g.Key, Count = g.Count(), First = g.Min(p => p.NoticeAt) }).ToDictionaryAsync(g => g.Key, ct);
        var assessments = (await ctx.RiskAssessments.AsNoTracking().Where(r => ids.Contains(r.IncidentId)).ToListAsync(ct)).GroupBy(r => r.IncidentId).ToDictionary(g => g.Key);
        // Each authority's own date: the CAI and the OPC are told separately, sometimes days apart.
        var filed = (await ctx.Filings.AsNoTracking().Where(f => ids.Contains(f.IncidentId) && f.FiledAt != null).ToListAsync(ct))
            .GroupBy(f => f.IncidentId).ToDictionary(g => g.Key, g => string.Join("; ", g.GroupBy(f => f.Kind == FilingKind.CnilFollowUp ? FilingKind.Cnil : f.Kind)
                .Select(k => $"{text[$"Register.Authority.{k.Key}"]} {Day(k.First().MerchantId, k.Min(f => f.FiledAt)!.Value)}")));
        string Level(RiskLevel l) => text[$"Risk.Level.{l}"];
        return incidents.Select(i => (Incident: i, Facts: IncidentFacts.In(i, language))).Select(x => (x.Incident, x.Facts) switch { var (i, f) => new RegisterRow(i.Id, i.Reference,
            merchants.GetValueOrDefault(i.MerchantId)?.Name ?? "", merchants.GetValueOrDefault(i.MerchantId)?.Legal ?? "",
            f.Title, f.InformationInvolved,
            string.IsNullOrWhiteSpace(f.Cause) ? f.Description : $"{f.Description}\n{text["Register.Cause"]} : {f.Cause}".Replace(" : ", language == "fr" ? " : " : ": "),
            i.OccurredFrom, i.OccurredTo, i.AwareAt, persons.TryGetValue(i.Id, out var p) ? p.Count : 0,
            assessments.TryGetValue(i.Id, out var a)
                ? string.Join("; ", a.GroupBy(x => x.Regime).Select(g => g.OrderByDescending(x => x.AssessedAt).First())
                    .Select(x => $"{text[$"Regime.{x.Regime}"]}: {text[Finding(x.Outcome)]} ({text.Format("Register.Judgement", Level(x.Sensitivity), Level(x.Likelihood), Level(x.Consequences))}) {x.Reasoning}"))
                : "",
            filed.GetValueOrDefault(i.Id) ?? "", p?.First, i.PublicNotice,
            string.IsNullOrWhiteSpace(f.MeasuresPlanned) ? f.MeasuresTaken : $"{f.MeasuresTaken}\n{text["Notice.Planned"]} {f.MeasuresPlanned}", i.Status,
            i.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime).AddYears(5) : null, i.MerchantId, i.PublicNoticeReason) }).ToList();
    }

    public static PdfDoc RegisterPdf(IReadOnlyList<RegisterRow> rows, DocText t, string enterprise)
    {
        string Period(RegisterRow r) => r.OccurredFrom is { } f ? r.OccurredTo is { } to && t.Date(to) != t.Date(f) ? $"{t.Date(f)} – {t.Date(to)}" : t.Date(f) : "—";
        var blocks = new List<PdfBlock> { new PdfHeading(t["Register.Title"]), new PdfParagraph(t["Register.Intro"], PdfTextStyle.Small) };
        foreach (var r in rows)
        {
            blocks.Add(new PdfHeading($"{r.Reference} · {r.Title}", 2));
            blocks.Add(new PdfKeyValues([
                (t["Report.Merchant"], r.Merchant), (t["Filing.Information"], r.Information), (t["Filing.Circumstances"], r.Circumstances),
                (t["Filing.Period"], Period(r)), (t["Filing.KnownOn"], t.Date(r.AwareAt)),
                (t["Filing.Persons"], r.Persons.ToString(t.Culture)), (t["Register.Assessment"], r.Assessment == "" ? "—" : r.Assessment),
                (t["Register.RegulatorNotified"], r.RegulatorsNotified == "" ? "—" : r.RegulatorsNotified),
                (t["Register.PersonsNotified"], r.PersonsNotifiedAt is { } n ? t.Date(n) : "—"),
                (t["Register.PublicNotice"], r.PublicNotice ? $"{t["Common.Yes"]}. {t["Register.PublicNoticeReason"]} : {r.PublicNoticeReason}".Replace(" : ", t.Language == "fr" ? " : " : ": ") : t["Common.No"]),
                (t["Filing.MeasuresTaken"], r.Measures), (t["Register.Status"], t[$"IncidentStatus.{r.Status}"]),
                (t["Register.KeepUntil"], r.KeepUntil is { } keep ? t.Date(keep) : t["Register.KeepUntilOpen"]),
            ]));
        }
        if (rows.Count == 0) blocks.Add(new PdfParagraph(t["Register.Empty"]));
        // The register is the enterprise's own record: one enterprise per file, and its author is the enterprise.
        if (rows.Select(r => r.MerchantId).Distinct().Count() > 1) throw new ArgumentException("A register is one enterprise's.", nameof(rows));
        var author = enterprise;
        blocks.Insert(1, new PdfParagraph(enterprise, PdfTextStyle.Bold));
        return new PdfDoc($"{t["Register.Title"]} · {enterprise}", author, t["Register.Title"], t.LanguageTag, author, t["Register.Title"], t.PageFormat, blocks);
    }

    public static byte[] RegisterCsv(IReadOnlyList<RegisterRow> rows, DocText t) =>
        CsvWriter.Write(
            [t["Doc.Reference"], t["Report.Merchant"], t["Breach.Title"], t["Filing.Information"], t["Filing.Circumstances"], t["Register.OccurredFrom"], t["Register.OccurredTo"],
             t["Filing.KnownOn"], t["Filing.Persons"], t["Register.Assessment"], t["Register.RegulatorNotified"], t["Register.PersonsNotified"], t["Register.PublicNotice"],
             t["Register.PublicNoticeReason"], t["Filing.MeasuresTaken"], t["Register.Status"], t["Register.KeepUntil"]],
            rows.Select(r => (IReadOnlyList<string?>)[r.Reference, r.Merchant, r.Title, r.Information, r.Circumstances, Iso(r.OccurredFrom), Iso(r.OccurredTo), Iso(r.AwareAt),
                r.Persons.ToString(CultureInfo.InvariantCulture), r.Assessment, r.RegulatorsNotified, Iso(r.PersonsNotifiedAt), r.PublicNotice ? t["Common.Yes"] : t["Common.No"],
                r.PublicNoticeReason, r.Measures, t[$"IncidentStatus.{r.Status}"], r.KeepUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? t["Register.KeepUntilOpen"]]));

    private static string? Iso(DateTimeOffset? d) => d?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}

public sealed partial class BreachService
{
    public async Task AuditRegisterExportAsync(string format, int merchantId, CancellationToken ct)
    {
        await using var ctx = await db.OpenAsync(ct);
        ctx.Audit("incident.register-exported", "Register", format, merchantId, new { format, merchantId });
        await ctx.SaveChangesAsync(ct);
    }
}

public sealed partial class BreachService
{
    /// <summary>Quebec keeps the register 5 years (PIPEDA 24 months): the people's identities may be purged only after that.</summary>
    public static DateTimeOffset PurgeableFrom(Incident i) => i.ClosedAt is { } closed ? closed.AddYears(5) : DateTimeOffset.MaxValue;

    /// <summary>
    /// After the retention period: the names and addresses of the people concerned and the files go;
    /// the register entry (counts, regions, dates, assessments, filings) stays. Refused before.
    /// </summary>
    public Task<BreachResult> PurgePersonalDataAsync(int id, CancellationToken ct = default) =>
        MutateAsync(id, null, "incident.personal-data-purged", ct, async (ctx, incident, me) =>
        {
            if (incident.Status != IncidentStatus.Closed || clock.GetUtcNow() < PurgeableFrom(incident))
                return text.Format("Breach.PurgeTooEarly", PurgeableFrom(incident) == DateTimeOffset.MaxValue ? "—" : PurgeableFrom(incident).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await ctx.AffectedPeople.Where(p => p.IncidentId == id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Name, Requests.Retention.RequestRetention.Purged).SetProperty(p => p.Email, (string?)null).SetProperty(p => p.CustomerId, (int?)null), ct);
            await ctx.IncidentEvents.Where(e => e.IncidentId == id && e.File != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.File, (byte[]?)null).SetProperty(e => e.FileName, (string?)null), ct);
            AddEvent(ctx, incident, IncidentEventKind.Note, me, text["Breach.Purged"]);
            return null;
        });
}
