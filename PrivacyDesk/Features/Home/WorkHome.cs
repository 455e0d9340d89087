using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Home;

/// <summary>One request on a home card: its reference, main type and the date that put it there, in its merchant's zone.</summary>
public sealed record HomeRequestItem(int Id, string Reference, RequestType Type, DateOnly Due, int DaysLeft, DateTimeOffset ReceivedAt, TimeZoneInfo Zone);

/// <summary>A card of requests: how many, and the most urgent few.</summary>
public sealed record HomeRequestCard(int Count, IReadOnlyList<HomeRequestItem> First);

/// <summary>An incident whose regulator or person notices are still to be given, with its nearest clock.</summary>
public sealed record HomeIncidentItem(int Id, string Reference, string Title, bool Assessed, bool RegulatorPending, bool PersonsPending,
    string? ClockKey, DateTimeOffset? Due, TimeSpan? Remaining, TimeZoneInfo Zone)
{
    public bool Late => Remaining < TimeSpan.Zero;
}

public sealed record HomeIncidentCard(int Count, IReadOnlyList<HomeIncidentItem> First);

/// <summary>Messages waiting in quarantine, and since when the oldest has waited.</summary>
public sealed record HomeQuarantineCard(int Count, DateTimeOffset? OldestReceivedAt, TimeZoneInfo Zone);

/// <summary>The manager's figures for the merchants in view.</summary>
public sealed record HomeFigures(int Open, int Overdue, int ClosedThisMonth, double? MedianDaysToClose, int IncidentsOpen);

/// <summary>Installation problems an admin should fix: mailboxes whose last poll failed, mail the outbox gave up on.</summary>
public sealed record HomeSetupWarnings(IReadOnlyList<string> FailingMailboxes, int FailedOutgoing)
{
    public bool Any => FailingMailboxes.Count > 0 || FailedOutgoing > 0;
}

/// <summary>
/// The home page of one staff member. A card is null when the member's roles do not call for it
/// (a support rep has no incident card, a manager no work cards).
/// </summary>
public sealed record WorkHomeView(
    HomeRequestCard? MyOverdue,
    HomeRequestCard? MyDueThisWeek,
    HomeRequestCard? AcknowledgementsDue,
    HomeRequestCard? UnassignedNew,
    HomeIncidentCard? IncidentClocks,
    HomeQuarantineCard? Quarantine,
    HomeFigures? Figures,
    HomeSetupWarnings? Setup)
{
    public static WorkHomeView Empty { get; } = new(null, null, null, null, null, null, null, null);
}

/// <summary>
/// What a staff member has to do now, by role: their overdue requests and those due this week,
/// acknowledgements due, incidents whose notices are pending, mail in quarantine, new requests nobody
/// took; a manager's figures; an admin's setup warnings. Everything is read through <see cref="Db"/>,
/// so within the member's merchants only; "today" is each merchant's own date, as its deadlines are.
/// </summary>
public sealed class WorkHome(Db db, CurrentStaff staff, TimeProvider clock)
{
    /// <summary>How many items a card lists (the count says how many there are in all).</summary>
    public const int ItemsPerCard = 5;

    /// <summary>"Due this week": due today or in the six days after.</summary>
    public const int WeekDays = 7;

    public async Task<WorkHomeView> GetAsync(CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsSignedIn) return WorkHomeView.Empty;
        var worker = me.IsAdmin || me.IsInRole(Roles.PrivacyOfficer) || me.IsInRole(Roles.SupportRep);
        var handlesIncidents = me.IsAdmin || me.IsInRole(Roles.PrivacyOfficer);
        var manager = me.IsInRole(Roles.Manager);
        if (!worker && !manager) return WorkHomeView.Empty;

        await using var ctx = await db.OpenAsync(ct);
        ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var zones = await ZonesAsync(ctx, ct);
        var now = clock.GetUtcNow();

        HomeRequestCard? overdue = null, dueSoon = null, acks = null, unassigned = null;
        HomeIncidentCard? incidents = null;
        HomeQuarantineCard? quarantine = null;
        if (worker)
        {
            var open = RequestIntake.OpenStatuses;
            var mine = ctx.Requests.Where(r => r.AssigneeId == me.UserId && open.Contains(r.Status));
            overdue = await RequestCardAsync(zones, now, today => mine.Where(r => r.EffectiveDue < today), byAcknowledgement: false, ct);
            dueSoon = await RequestCardAsync(zones, now, today =>
            {
                var end = today.AddDays(WeekDays);
                return mine.Where(r => r.EffectiveDue >= today && r.EffectiveDue < end);
            }, byAcknowledgement: false, ct);
            // The acknowledgement is a team task, done before anyone takes the request: every one due, not only the member's.
            acks = await RequestCardAsync(zones, now,
                today => ctx.Requests.Where(r => r.AcknowledgedAt == null && open.Contains(r.Status) && r.AcknowledgementDue <= today),
                byAcknowledgement: true, ct);
            unassigned = await RequestCardAsync(zones, now,
                _ => ctx.Requests.Where(r => r.Status == RequestStatus.New && r.AssigneeId == null), byAcknowledgement: false, ct);
            quarantine = await QuarantineAsync(ctx, zones, ct);
            if (handlesIncidents) incidents = await IncidentClocksAsync(ctx, zones, now, ct);
        }

        var figures = manager ? await FiguresAsync(ctx, zones, now, ct) : null;
        var setup = me.IsAdmin ? await SetupAsync(ctx, ct) : null;
        return new WorkHomeView(overdue, dueSoon, acks, unassigned, incidents, quarantine, figures, setup);
    }

    /// <summary>The merchants in view, grouped by time zone: each group has its own "today".</summary>
    private sealed record ZoneGroup(TimeZoneInfo Zone, List<int> MerchantIds);

    private sealed record Zones(IReadOnlyList<ZoneGroup> Groups, IReadOnlyDictionary<int, TimeZoneInfo> ByMerchant)
    {
        public TimeZoneInfo Of(int merchantId) => ByMerchant.GetValueOrDefault(merchantId, TimeZoneInfo.Utc);

        /// <summary>The zone to show a figure spanning merchants in: theirs when they share one, else UTC.</summary>
        public TimeZoneInfo Common => Groups.Count == 1 ? Groups[0].Zone : TimeZoneInfo.Utc;
    }

    private static async Task<Zones> ZonesAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        var merchants = await ctx.Merchants.Select(m => new { m.Id, m.Country, m.Province }).ToListAsync(ct);
        var byMerchant = merchants.ToDictionary(m => m.Id, m => JurisdictionCodes.TimeZoneFor(m.Country, m.Province));
        var groups = byMerchant.GroupBy(kv => kv.Value.Id)
            .Select(g => new ZoneGroup(g.First().Value, g.Select(kv => kv.Key).ToList())).ToList();
        return new Zones(groups, byMerchant);
    }

    private static DateOnly Today(TimeZoneInfo zone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// Counts and lists the requests <paramref name="select"/> picks for each zone's "today", most urgent
    /// first by their legal due date, or by the acknowledgement's. One query pair per time zone in view (a handful at most).
    /// </summary>
    private static async Task<HomeRequestCard> RequestCardAsync(Zones zones, DateTimeOffset now,
        Func<DateOnly, IQueryable<PrivacyRequest>> select, bool byAcknowledgement, CancellationToken ct)
    {
        var count = 0;
        var items = new List<HomeRequestItem>();
        foreach (var group in zones.Groups)
        {
            var today = Today(group.Zone, now);
            var ids = group.MerchantIds;
            var q = select(today).Where(r => ids.Contains(r.MerchantId));
            count += await q.CountAsync(ct);
            var sorted = byAcknowledgement ? q.OrderBy(r => r.AcknowledgementDue) : q.OrderBy(r => r.EffectiveDue);
            var first = await sorted.ThenBy(r => r.Id).Take(ItemsPerCard)
                .Select(r => new { r.Id, r.Reference, r.Type, Due = byAcknowledgement ? r.AcknowledgementDue : r.EffectiveDue, r.ReceivedAt })
                .ToListAsync(ct);
            items.AddRange(first.Select(r => new HomeRequestItem(r.Id, r.Reference, r.Type, r.Due, r.Due.DayNumber - today.DayNumber, r.ReceivedAt, group.Zone)));
        }
        return new HomeRequestCard(count, items.OrderBy(i => i.DaysLeft).ThenBy(i => i.Id).Take(ItemsPerCard).ToList());
    }

    private static async Task<HomeQuarantineCard> QuarantineAsync(PrivacyDeskDbContext ctx, Zones zones, CancellationToken ct)
    {
        var held = ctx.InboundMessages.Where(m => m.Status == InboundStatus.Quarantined);
        var count = await held.CountAsync(ct);
        var oldest = await held.OrderBy(m => m.ReceivedAt).Select(m => new { m.ReceivedAt, m.MerchantId }).FirstOrDefaultAsync(ct);
        return new HomeQuarantineCard(count, oldest?.ReceivedAt, oldest is null ? zones.Common : zones.Of(oldest.MerchantId));
    }

    /// <summary>
    /// Open incidents whose clocks still run: not assessed yet, or assessed as to be reported and not
    /// filed, or as to be told to the persons while some have had no notice. Nearest deadline first.
    /// </summary>
    private static async Task<HomeIncidentCard> IncidentClocksAsync(PrivacyDeskDbContext ctx, Zones zones, DateTimeOffset now, CancellationToken ct)
    {
        var open = await ctx.Incidents.Where(i => i.Status != IncidentStatus.Closed)
            .Select(i => new Incident
            {
                Id = i.Id, MerchantId = i.MerchantId, Reference = i.Reference, Title = i.Title, AwareAt = i.AwareAt,
                FactsLanguage = i.FactsLanguage, Translations = i.Translations, Status = i.Status,
            })
            .ToListAsync(ct);
        if (open.Count == 0) return new HomeIncidentCard(0, []);
        var ids = open.Select(i => i.Id).ToList();
        var merchantIds = open.Select(i => i.MerchantId).Distinct().ToList();
        var merchants = await ctx.Merchants.Where(m => merchantIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Country, m.Province, m.BreachNoticeTargetHours }).ToDictionaryAsync(m => m.Id, ct);
        var assessments = await ctx.RiskAssessments.Where(a => ids.Contains(a.IncidentId))
            .Select(a => new { a.IncidentId, a.Regime, a.AssessedAt, a.Id, a.NotifyRegulator, a.NotifyPersons }).ToListAsync(ct);
        var filed = (await ctx.Filings.Where(f => ids.Contains(f.IncidentId) && f.FiledAt != null).Select(f => f.IncidentId).Distinct().ToListAsync(ct)).ToHashSet();
        // Where the affected people live decides the regimes; an incident may touch many, so only the distinct places are read.
        var places = await ctx.AffectedPeople.Where(p => ids.Contains(p.IncidentId))
            .Select(p => new { p.IncidentId, p.Country, p.Region }).Distinct().ToListAsync(ct);
        var waiting = (await ctx.AffectedPeople.Where(p => ids.Contains(p.IncidentId) && p.Notice == NoticeStatus.Pending)
            .Select(p => p.IncidentId).Distinct().ToListAsync(ct)).ToHashSet();
        var withPeople = places.Select(p => p.IncidentId).ToHashSet();

        var items = new List<HomeIncidentItem>();
        foreach (var i in open)
        {
            // The latest assessment of each regime is the one in force.
            var latest = assessments.Where(a => a.IncidentId == i.Id).GroupBy(a => a.Regime)
                .Select(g => g.OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).First()).ToList();
            var assessed = latest.Count > 0;
            var regulatorPending = latest.Any(a => a.NotifyRegulator) && !filed.Contains(i.Id);
            var personsPending = latest.Any(a => a.NotifyPersons) && (!withPeople.Contains(i.Id) || waiting.Contains(i.Id));
            if (assessed && !regulatorPending && !personsPending) continue;

            var zone = zones.Of(i.MerchantId);
            BreachClock? nearest = null;
            if (merchants.TryGetValue(i.MerchantId, out var m))
            {
                var people = places.Where(p => p.IncidentId == i.Id)
                    .Select(p => new AffectedPerson { Name = "", Country = p.Country, Region = p.Region }).ToList();
                // Once assessed, only the clocks of what is still owed: the regulator's, the persons', and the "promptly" of both.
                nearest = BreachClocks.For(i, RiskRules.ApplicableTo(m.Country, people), m.Country, m.Province, m.BreachNoticeTargetHours, now)
                    .Where(c => !assessed || c.NameKey == "Clock.Prompt"
                                || (regulatorPending && c.NameKey == "Clock.Gdpr72") || (personsPending && c.NameKey == "Clock.Arizona45"))
                    .OrderBy(c => c.Due).FirstOrDefault();
            }
            items.Add(new HomeIncidentItem(i.Id, i.Reference, IncidentFacts.In(i, Hosting.Localization.UiText.CurrentLanguage).Title,
                assessed, regulatorPending, personsPending, nearest?.NameKey, nearest?.Due, nearest?.Remaining, zone));
        }
        var ordered = items.OrderBy(x => x.Due ?? DateTimeOffset.MaxValue).ThenBy(x => x.Id).ToList();
        return new HomeIncidentCard(ordered.Count, ordered.Take(ItemsPerCard).ToList());
    }

    /// <summary>
    /// Open and overdue requests now; requests closed (decided, or closed without a decision) since the
    /// first of this month where each merchant is, and their median days from receipt, as the reports count them.
    /// </summary>
    private static async Task<HomeFigures> FiguresAsync(PrivacyDeskDbContext ctx, Zones zones, DateTimeOffset now, CancellationToken ct)
    {
        var open = RequestIntake.OpenStatuses;
        var openCount = await ctx.Requests.CountAsync(r => open.Contains(r.Status), ct);
        var overdue = 0;
        var days = new List<double>();
        foreach (var group in zones.Groups)
        {
            var ids = group.MerchantIds;
            var today = Today(group.Zone, now);
            overdue += await ctx.Requests.CountAsync(r => ids.Contains(r.MerchantId) && open.Contains(r.Status) && r.EffectiveDue < today, ct);

            var firstOfMonth = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var monthStart = new DateTimeOffset(firstOfMonth, group.Zone.GetUtcOffset(firstOfMonth));
            var closed = await ctx.Requests
                .Where(r => ids.Contains(r.MerchantId) && r.Status != RequestStatus.Merged
                            && ((r.DecidedAt != null && r.DecidedAt >= monthStart) || (r.DecidedAt == null && r.ClosedAt != null && r.ClosedAt >= monthStart)))
                .Select(r => new { r.ReceivedAt, r.DecidedAt, r.ClosedAt }).ToListAsync(ct);
            days.AddRange(closed.Select(r => ((r.DecidedAt ?? r.ClosedAt)!.Value - r.ReceivedAt).TotalDays));
        }
        days.Sort();
        double? median = days.Count == 0 ? null
            : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
        var incidentsOpen = await ctx.Incidents.CountAsync(i => i.Status != IncidentStatus.Closed, ct);
        return new HomeFigures(openCount, overdue, days.Count, median, incidentsOpen);
    }

    /// <summary>The checks /health makes for mail, for the merchants in view: failing mailboxes by name, and mail given up on.</summary>
    private static async Task<HomeSetupWarnings> SetupAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        var failing = await ctx.MailSources
            .Where(s => s.Enabled && s.LastErrorAt != null && (s.LastSuccessAt == null || s.LastErrorAt > s.LastSuccessAt))
            .OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var failedOutgoing = await ctx.Outbox.CountAsync(m => m.Status == OutboxStatus.Failed, ct);
        return new HomeSetupWarnings(failing, failedOutgoing);
    }
}
