using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Audit;

/// <summary>
/// Words for the page to show: a UI string's key, formatted with <see cref="Text"/> (data: a name, a
/// reference) or with the string of <see cref="ArgKey"/>; or, without a key, <see cref="Text"/> itself.
/// </summary>
public sealed record AuditWords(string? Key, string? Text = null, string? ArgKey = null)
{
    public static AuditWords Data(string text) => new(null, text);
}

/// <summary>What a record is about: its kind in words, its name or reference, and where to open it (null when the reader may not).</summary>
public sealed record AuditSubject(string KindKey, AuditWords? Name, string? Href);

/// <summary>One line of the audit log as the viewer shows it. Never the record's details (they may hold addresses or errors).</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, TimeZoneInfo Zone, bool InMerchantZone, string? MerchantName,
    string ActorId, AuditWords Actor, string Action, AuditWords ActionWords, AuditKind Kind, AuditSubject Subject);

public sealed record AuditResults(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>
/// The viewer's filters; null is "any". A person (customer) or request takes in what was done to it
/// and to what hangs from it: a customer's requests, a request's mail in and out. Dates are whole days
/// where each merchant is (UTC for records of no merchant), both ends included.
/// </summary>
public sealed record AuditFilter(int? CustomerId = null, int? RequestId = null, string? ActorId = null, AuditKind? Kind = null,
    DateOnly? From = null, DateOnly? To = null);

public sealed record AuditPersonOption(int Id, string Name, string AccountNumber);
public sealed record AuditRequestOption(int Id, string Reference);
public sealed record AuditActorOption(string Id, AuditWords Name);

/// <summary>
/// Reads the audit trail for admins and privacy officers: who downloaded, exported or changed what,
/// newest first, within the reader's merchants. Records of no merchant (staff accounts, templates,
/// backups) are the installation's: only an admin looking at all merchants sees them. Reading the
/// trail is not itself recorded; it shows names officers already see, never the records' details.
/// </summary>
public sealed class AuditViewer(Db db, CurrentStaff staff)
{
    public static readonly string[] Readers = [Roles.Admin, Roles.PrivacyOfficer];
    public const int MaxPageSize = 200;

    /// <summary>Actors that are not staff members, with their words ("intake" is the mail poller, "api" the web-form API).</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedActors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["system"] = "AuditActor.System",
        ["cli"] = "AuditActor.Cli",
        ["demo"] = "AuditActor.Demo",
        ["api"] = "AuditActor.Api",
        ["intake"] = "AuditActor.Intake",
        ["outbox"] = "AuditActor.Outbox",
        ["retention"] = "AuditActor.Retention",
    };

    public async Task<AuditResults> QueryAsync(AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var merchants = await MerchantsAsync(ctx, ct);
        var q = await FilteredAsync(ctx, me, merchants, filter, ct);
        var total = await q.CountAsync(ct);
        // Ids follow the chain, so the newest record has the highest: the primary key orders the page.
        var page = await q.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(a => new Entry(a.Id, a.At, a.Actor, a.ActorName, a.MerchantId, a.EntityType, a.EntityId, a.Action))
            .ToListAsync(ct);
        var subjects = await SubjectsAsync(ctx, me, merchants, page, ct);
        var rows = page.Select(e =>
        {
            var merchant = e.MerchantId is int id ? merchants.GetValueOrDefault(id) : null;
            var (key, argKey, kind) = AuditActions.Describe(e.Action);
            return new AuditRow(e.Id, e.At, merchant?.Zone ?? TimeZoneInfo.Utc, merchant is not null, merchant?.Name,
                e.Actor, ActorWords(e.Actor, e.ActorName), e.Action, new AuditWords(key, ArgKey: argKey), kind, subjects[e.Id]);
        }).ToList();
        return new AuditResults(rows, total);
    }

    /// <summary>Staff members whose actions the reader may look for (those of the reader's merchants, and the admins), then the automatic actors.</summary>
    public async Task<IReadOnlyList<AuditActorOption>> ActorsAsync(CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var ids = await ctx.Merchants.Select(m => m.Id).ToListAsync(ct);
        var adminRoles = ctx.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        var people = await ctx.Users.AsNoTracking()
            .Where(u => ctx.UserMerchants.Any(um => um.UserId == u.Id && ids.Contains(um.MerchantId))
                        || ctx.UserRoles.Any(ur => ur.UserId == u.Id && adminRoles.Contains(ur.RoleId)))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return people.Select(p => new AuditActorOption(p.Id, AuditWords.Data(string.IsNullOrWhiteSpace(p.DisplayName) ? p.Email ?? p.Id : p.DisplayName)))
            .OrderBy(p => p.Name.Text, StringComparer.Create(CultureInfo.CurrentCulture, true))
            .Concat(FixedActors.Select(a => new AuditActorOption(a.Key, new AuditWords(a.Value))))
            .ToList();
    }

    /// <summary>Customers of the reader's merchants by name, email, phone or account number (the customer search's index), for the person filter.</summary>
    public async Task<IReadOnlyList<AuditPersonOption>> FindPeopleAsync(string? typed, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        if (FullTextQuery.Prefixes(typed) is not { } fts) return [];
        await using var ctx = await db.OpenAsync(ct);
        var hits = await Customers.CustomerService.Search(ctx, fts).Take(10).ToListAsync(ct);
        return hits.Select(h => new AuditPersonOption(h.Id, h.FullName.Trim(), h.AccountNumber)).ToList();
    }

    /// <summary>Requests of the reader's merchants whose reference contains what was typed ("000123", "PD-2026-0001").</summary>
    public async Task<IReadOnlyList<AuditRequestOption>> FindRequestsAsync(string? typed, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        var text = typed?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(text) || text.Length < 3) return [];
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.Requests.AsNoTracking().Where(r => r.Reference.Contains(text))
            .OrderByDescending(r => r.Id).Take(10).Select(r => new AuditRequestOption(r.Id, r.Reference)).ToListAsync(ct);
    }

    /// <summary>The person and request a filter names (from the address: /audit?customer=12), when the reader may see them.</summary>
    public async Task<(AuditPersonOption? Person, AuditRequestOption? Request)> DescribeAsync(AuditFilter filter, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        AuditPersonOption? person = null;
        AuditRequestOption? request = null;
        if (filter.CustomerId is int cid)
            person = await ctx.Customers.AsNoTracking().Where(c => c.Id == cid)
                .Select(c => new AuditPersonOption(c.Id, (c.FirstName + " " + c.LastName).Trim(), c.AccountNumber)).FirstOrDefaultAsync(ct);
        if (filter.RequestId is int rid)
            request = await ctx.Requests.AsNoTracking().Where(r => r.Id == rid).Select(r => new AuditRequestOption(r.Id, r.Reference)).FirstOrDefaultAsync(ct);
        return (person, request);
    }

    private async Task<StaffIdentity> RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Readers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only admins and privacy officers read the audit log.");
        return me;
    }

    private sealed record Entry(long Id, DateTimeOffset At, string Actor, string? ActorName, int? MerchantId, string EntityType, string EntityId, string Action);

    private sealed record MerchantInfo(int Id, string Name, TimeZoneInfo Zone);

    /// <summary>The merchants the context may see (the scope's), with their zones.</summary>
    private static async Task<Dictionary<int, MerchantInfo>> MerchantsAsync(PrivacyDeskDbContext ctx, CancellationToken ct) =>
        (await ctx.Merchants.Select(m => new { m.Id, m.Name, m.Country, m.Province }).ToListAsync(ct))
        .ToDictionary(m => m.Id, m => new MerchantInfo(m.Id, m.Name, JurisdictionCodes.TimeZoneFor(m.Country, m.Province)));

    /// <summary>Records of no merchant belong to the installation: an admin sees them when looking at every merchant.</summary>
    private static bool SeesInstallation(StaffIdentity me) => me.IsAdmin && me.Scope.AllMerchants;

    private static async Task<IQueryable<AuditEntry>> FilteredAsync(PrivacyDeskDbContext ctx, StaffIdentity me,
        Dictionary<int, MerchantInfo> merchants, AuditFilter f, CancellationToken ct)
    {
        // The audit table is not merchant-owned (a record may have no merchant): the scope is applied here, by hand.
        var ids = merchants.Keys.Select(id => (int?)id).ToList();
        var installation = SeesInstallation(me);
        var q = installation
            ? ctx.AuditEntries.AsNoTracking().Where(a => a.MerchantId == null || ids.Contains(a.MerchantId))
            : ctx.AuditEntries.AsNoTracking().Where(a => a.MerchantId != null && ids.Contains(a.MerchantId));

        if (f.CustomerId is int customerId)
        {
            // Through the scoped context: another merchant's customer has no requests here, and matches nothing.
            var known = await ctx.Customers.AnyAsync(c => c.Id == customerId, ct);
            List<int> requests = known ? await ctx.Requests.Where(r => r.CustomerId == customerId).Select(r => r.Id).ToListAsync(ct) : [];
            var keys = await RelatedKeysAsync(ctx, requests, ct);
            List<string> customers = known ? [Key(customerId)] : [];
            q = q.Where(Concerning(customers, keys));
        }
        if (f.RequestId is int requestId)
        {
            List<int> requests = await ctx.Requests.AnyAsync(r => r.Id == requestId, ct) ? [requestId] : [];
            q = q.Where(Concerning([], await RelatedKeysAsync(ctx, requests, ct)));
        }
        if (!string.IsNullOrEmpty(f.ActorId))
        {
            var actor = f.ActorId;
            q = q.Where(a => a.Actor == actor);
        }
        if (f.Kind is { } kind)
        {
            var codes = AuditActions.CodesOf(kind);
            if (kind == AuditKind.Other)
            {
                var all = AuditActions.All.Select(a => a.Code).ToList();
                q = q.Where(a => !all.Contains(a.Action) && !a.Action.EndsWith(AuditActions.ImportSuffix));
            }
            else if (AuditActions.KindHasImports(kind))
                q = q.Where(a => codes.Contains(a.Action) || a.Action.EndsWith(AuditActions.ImportSuffix));
            else
                q = q.Where(a => codes.Contains(a.Action));
        }
        if (f.From is not null || f.To is not null)
            q = q.Where(InDays(merchants.Values, installation, f.From, f.To));
        return q;
    }

    private sealed record RelatedKeys(List<string> Requests, List<string> Messages, List<string> Outgoing);

    /// <summary>The requests' ids, and those of their mail in (by id, or by the dedupe key a quarantine record names it by) and out.</summary>
    private static async Task<RelatedKeys> RelatedKeysAsync(PrivacyDeskDbContext ctx, List<int> requestIds, CancellationToken ct)
    {
        if (requestIds.Count == 0) return new([], [], []);
        var nullable = requestIds.Select(id => (int?)id).ToList();
        var messages = await ctx.InboundMessages.Where(m => nullable.Contains(m.RequestId)).Select(m => new { m.Id, m.DedupeKey }).ToListAsync(ct);
        var outgoing = await ctx.Outbox.Where(m => nullable.Contains(m.RequestId)).Select(m => m.Id).ToListAsync(ct);
        return new(requestIds.Select(Key).ToList(),
            messages.Select(m => Key(m.Id)).Concat(messages.Select(m => m.DedupeKey)).ToList(),
            outgoing.Select(Key).ToList());
    }

    private static Expression<Func<AuditEntry, bool>> Concerning(List<string> customers, RelatedKeys related)
    {
        var requests = related.Requests;
        var messages = related.Messages;
        var outgoing = related.Outgoing;
        return a => (a.EntityType == Subjects.Customer && customers.Contains(a.EntityId))
                    || (a.EntityType == Subjects.Request && requests.Contains(a.EntityId))
                    || (a.EntityType == Subjects.Inbound && messages.Contains(a.EntityId))
                    || (a.EntityType == Subjects.Outgoing && outgoing.Contains(a.EntityId));
    }

    /// <summary>From the start of <paramref name="from"/> to the end of <paramref name="to"/>, each merchant's records in its own zone.</summary>
    private static Expression<Func<AuditEntry, bool>> InDays(IEnumerable<MerchantInfo> merchants, bool installation, DateOnly? from, DateOnly? to)
    {
        Expression<Func<AuditEntry, bool>>? any = null;
        foreach (var group in merchants.GroupBy(m => m.Zone.Id))
        {
            var zone = group.First().Zone;
            var ids = group.Select(m => (int?)m.Id).ToList();
            var (start, end) = Bounds(zone, from, to);
            any = Or(any, a => ids.Contains(a.MerchantId) && a.At >= start && a.At < end);
        }
        if (installation)
        {
            var (start, end) = Bounds(TimeZoneInfo.Utc, from, to);
            any = Or(any, a => a.MerchantId == null && a.At >= start && a.At < end);
        }
        return any ?? (a => false);
    }

    internal static (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeZoneInfo zone, DateOnly? from, DateOnly? to)
    {
        static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        return (from is { } f ? StartOf(f, zone) : DateTimeOffset.MinValue, to is { } t ? StartOf(t.AddDays(1), zone) : DateTimeOffset.MaxValue);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>>? left, Expression<Func<T, bool>> right)
    {
        if (left is null) return right;
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static AuditWords ActorWords(string actor, string? name) =>
        FixedActors.TryGetValue(actor, out var key) ? new AuditWords(key)
        : string.IsNullOrWhiteSpace(name) ? new AuditWords("AuditActor.Unknown")
        : AuditWords.Data(name);

    /// <summary>The entity types the app writes (nameof of the entity, or a fixed word for what is not one).</summary>
    internal static class Subjects
    {
        public const string Request = "PrivacyRequest", Customer = "Customer", Incident = "Incident", Inbound = "InboundMessage",
            Outgoing = "OutboxMessage", Merchant = "Merchant", Staff = "StaffUser", Mailbox = "MailSource", ApiKey = "ApiKey",
            Template = "ReplyTemplate", Inventory = "DataInventoryEntry", Report = "Report", Register = "Register", Database = "Database";
    }

    /// <summary>Names and links for a page of records, read in one query per kind of subject, all through the scoped context.</summary>
    private static async Task<Dictionary<long, AuditSubject>> SubjectsAsync(PrivacyDeskDbContext ctx, StaffIdentity me,
        Dictionary<int, MerchantInfo> merchants, List<Entry> page, CancellationToken ct)
    {
        List<int> Ints(string type) => page.Where(e => e.EntityType == type)
            .Select(e => int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null).OfType<int>().Distinct().ToList();
        List<long> Longs(string type) => page.Where(e => e.EntityType == type)
            .Select(e => long.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null).OfType<long>().Distinct().ToList();

        var inboundIds = Longs(Subjects.Inbound);
        var inboundKeys = page.Where(e => e.EntityType == Subjects.Inbound && !long.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(e => e.EntityId).Distinct().ToList();
        var inbound = await ctx.InboundMessages.Where(m => inboundIds.Contains(m.Id) || inboundKeys.Contains(m.DedupeKey))
            .Select(m => new { m.Id, m.DedupeKey, m.MerchantId, m.RequestId }).ToListAsync(ct);
        var outgoingIds = Longs(Subjects.Outgoing);
        var outgoing = await ctx.Outbox.Where(m => outgoingIds.Contains(m.Id)).Select(m => new { m.Id, m.RequestId }).ToDictionaryAsync(m => m.Id, m => m.RequestId, ct);

        var requestIds = Ints(Subjects.Request).Concat(inbound.Select(m => m.RequestId).OfType<int>()).Concat(outgoing.Values.OfType<int>()).Distinct().ToList();
        var requests = await ctx.Requests.Where(r => requestIds.Contains(r.Id)).Select(r => new { r.Id, r.Reference }).ToDictionaryAsync(r => r.Id, r => r.Reference, ct);
        var customerIds = Ints(Subjects.Customer);
        var customers = await ctx.Customers.Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.AccountNumber }).ToDictionaryAsync(c => c.Id, ct);
        var incidentIds = Ints(Subjects.Incident);
        var incidents = await ctx.Incidents.Where(i => incidentIds.Contains(i.Id)).Select(i => new { i.Id, i.Reference }).ToDictionaryAsync(i => i.Id, i => i.Reference, ct);
        var keyIds = Ints(Subjects.ApiKey);
        var keys = await ctx.ApiKeys.Where(k => keyIds.Contains(k.Id)).Select(k => new { k.Id, k.Name }).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        // Staff accounts are the installation's: their records reach only an admin (see SeesInstallation).
        var staffIds = me.IsAdmin ? page.Where(e => e.EntityType == Subjects.Staff).Select(e => e.EntityId).Distinct().ToList() : [];
        Dictionary<string, string> staffNames = staffIds.Count == 0 ? new() : await ctx.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "" : u.DisplayName, ct);

        string? AdminLink(string href) => me.IsAdmin ? href : null;
        AuditSubject RequestSubject(string kindKey, int? id) =>
            id is int r && requests.TryGetValue(r, out var reference) ? new AuditSubject(kindKey, AuditWords.Data(reference), $"requests/{r}")
            : new AuditSubject(kindKey, new AuditWords("AuditSubject.Gone"), null);

        var result = new Dictionary<long, AuditSubject>();
        foreach (var e in page)
        {
            int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var intId);
            long.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var longId);
            result[e.Id] = e.EntityType switch
            {
                Subjects.Request => RequestSubject("AuditSubject.Request", intId),
                Subjects.Customer => customers.TryGetValue(intId, out var c)
                    ? new AuditSubject("AuditSubject.Customer",
                        AuditWords.Data(string.IsNullOrWhiteSpace(c.FirstName + c.LastName) ? c.AccountNumber : $"{c.FirstName} {c.LastName}".Trim()), $"customers/{c.Id}")
                    : new AuditSubject("AuditSubject.Customer", new AuditWords("AuditSubject.Gone"), null),
                Subjects.Incident => incidents.TryGetValue(intId, out var incident)
                    ? new AuditSubject("AuditSubject.Incident", AuditWords.Data(incident), $"incidents/{intId}")
                    : new AuditSubject("AuditSubject.Incident", new AuditWords("AuditSubject.Gone"), null),
                Subjects.Inbound => inbound.FirstOrDefault(m => (longId != 0 && m.Id == longId) || (m.DedupeKey == e.EntityId && m.MerchantId == e.MerchantId)) is { } m
                    ? m.RequestId is int rid && requests.ContainsKey(rid) ? RequestSubject("AuditSubject.Inbound", rid) : new AuditSubject("AuditSubject.Inbound", null, "mail")
                    : new AuditSubject("AuditSubject.Inbound", new AuditWords("AuditSubject.Gone"), null),
                Subjects.Outgoing => RequestSubject("AuditSubject.Outgoing", outgoing.GetValueOrDefault(longId)),
                Subjects.Merchant => new AuditSubject("AuditSubject.Merchant",
                    merchants.TryGetValue(intId, out var merchant) ? AuditWords.Data(merchant.Name) : new AuditWords("AuditSubject.Gone"), AdminLink("admin/merchants")),
                Subjects.Staff => new AuditSubject("AuditSubject.Staff",
                    staffNames.TryGetValue(e.EntityId, out var name) && name.Length > 0 ? AuditWords.Data(name) : new AuditWords("AuditSubject.Gone"), AdminLink("admin/users")),
                Subjects.Mailbox => new AuditSubject("AuditSubject.Mailbox", AuditWords.Data(e.EntityId), AdminLink("admin/mailboxes")),
                Subjects.ApiKey => new AuditSubject("AuditSubject.ApiKey",
                    keys.TryGetValue(intId, out var keyName) ? AuditWords.Data(keyName) : new AuditWords("AuditSubject.Gone"), AdminLink("admin/api-keys")),
                Subjects.Template => new AuditSubject("AuditSubject.Template", null, AdminLink("admin/templates")),
                Subjects.Inventory => new AuditSubject("AuditSubject.Inventory", null, AdminLink("admin/inventory")),
                Subjects.Report => new AuditSubject("AuditSubject.Report", AuditWords.Data(e.EntityId.Replace("..", " – ", StringComparison.Ordinal)), "reports"),
                Subjects.Register => new AuditSubject("AuditSubject.Register", AuditWords.Data(e.EntityId.ToUpperInvariant()), "incidents"),
                Subjects.Database => new AuditSubject("AuditSubject.Database", null, null),
                _ => new AuditSubject("AuditSubject.Other", null, null),
            };
        }
        return result;
    }
}
