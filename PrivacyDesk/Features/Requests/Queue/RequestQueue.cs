using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Requests.Queue;

/// <summary>The queue: server-side filtered, sorted and paged, always within the user's merchants.</summary>
public sealed class RequestQueue(Db db, CurrentStaff staff, TimeProvider clock)
{
    public async Task<QueuePage> QueryAsync(QueueQuery query, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var filtered = Apply(ctx, query.Filter, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var total = await filtered.CountAsync(ct);
        var rows = await Sort(filtered, query.Sort, query.Descending)
            .Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500))
            .Select(r => new QueueRow(r.Id, r.MerchantId, r.Reference, r.Type, r.TypeCodes, r.Status, r.Channel, r.Language,
                r.Jurisdiction, r.RequesterName, r.RequesterEmail, r.Subject, r.AssigneeName, r.ReceivedAt, r.EffectiveDue,
                r.ExtendedDue != null, r.PossibleDuplicateOfId != null) { ReceivedOn = r.ReceivedOn, AwaitingEmail = r.AwaitingEmailConfirmation })
            .ToListAsync(ct);
        return new QueuePage(rows, total);
    }

    internal static IQueryable<PrivacyRequest> Apply(PrivacyDeskDbContext ctx, QueueFilter f, DateOnly today)
    {
        IQueryable<PrivacyRequest> q = ctx.Requests;
        if (f.Statuses.Count > 0) q = q.Where(r => f.Statuses.Contains(r.Status));
        else if (f.OpenOnly)
        {
            var open = RequestIntake.OpenStatuses;
            q = q.Where(r => open.Contains(r.Status));
        }
        if (f.AwaitingEmailOnly) q = q.Where(r => r.AwaitingEmailConfirmation);
        else if (string.IsNullOrWhiteSpace(f.Search)) q = q.Where(r => !r.AwaitingEmailConfirmation);
        if (f.Type is { } type) q = q.Where(r => r.Type == type);
        if (f.AssigneeId == QueueFilter.Unassigned) q = q.Where(r => r.AssigneeId == null);
        else if (f.AssigneeId is { } assignee) q = q.Where(r => r.AssigneeId == assignee);
        if (f.MerchantId is { } merchant) q = q.Where(r => r.MerchantId == merchant);
        if (f.Channel is { } channel) q = q.Where(r => r.Channel == channel);
        if (f.Language is { } language) q = q.Where(r => r.Language == language);
        if (f.Jurisdiction is { } jurisdiction) q = q.Where(r => r.Jurisdiction == jurisdiction);
        if (f.DueWithinDays is { } days)
        {
            var limit = today.AddDays(days);
            q = q.Where(r => r.EffectiveDue <= limit);
        }
        if (f.OverdueOnly)
        {
            var open = RequestIntake.OpenStatuses;
            q = q.Where(r => r.EffectiveDue < today && open.Contains(r.Status));
        }
        if (FullTextQuery.Prefixes(f.Search) is { } fts)
        {
            // Every word typed must start a word of the reference, name, email, phone or subject
            // (accents and case ignored), through the FTS5 index: a LIKE '%x%' scan took 40 ms at 100k.
            // Inlined, not a parameter: SQLite then plans the FTS lookup first (3 ms instead of 18 ms at 100k).
            q = q.Where(r => ctx.SearchRequests(EF.Constant(fts)).Select(h => h.RowId).Contains(r.Id));
        }
        return q;
    }

    internal static IQueryable<PrivacyRequest> SortForBenchmark(IQueryable<PrivacyRequest> q, QueueSortColumn column) => Sort(q, column, false);

    private static IQueryable<PrivacyRequest> Sort(IQueryable<PrivacyRequest> q, QueueSortColumn column, bool desc) => column switch
    {
        QueueSortColumn.Received => desc ? q.OrderByDescending(r => r.ReceivedAt) : q.OrderBy(r => r.ReceivedAt),
        QueueSortColumn.Reference => desc ? q.OrderByDescending(r => r.Reference) : q.OrderBy(r => r.Reference),
        QueueSortColumn.Requester => desc ? q.OrderByDescending(r => r.RequesterName) : q.OrderBy(r => r.RequesterName),
        QueueSortColumn.Status => desc ? q.OrderByDescending(r => r.Status) : q.OrderBy(r => r.Status),
        QueueSortColumn.Type => desc ? q.OrderByDescending(r => r.Type) : q.OrderBy(r => r.Type),
        QueueSortColumn.Assignee => desc ? q.OrderByDescending(r => r.AssigneeName) : q.OrderBy(r => r.AssigneeName),
        _ => desc ? q.OrderByDescending(r => r.EffectiveDue).ThenByDescending(r => r.Id) : q.OrderBy(r => r.EffectiveDue).ThenBy(r => r.Id),
    };

    // ---- Saved filters (per user) --------------------------------------------------------

    public async Task<IReadOnlyList<SavedQueueFilter>> SavedFiltersAsync(CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.SavedQueueFilters.AsNoTracking().Where(f => f.UserId == me.UserId).OrderBy(f => f.Name).ToListAsync(ct);
    }

    public async Task<SavedQueueFilter> SaveFilterAsync(string name, QueueFilter filter, CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        if (me.UserId is null) throw new UnauthorizedAccessException();
        await using var ctx = await db.OpenAsync(ct);
        var existing = await ctx.SavedQueueFilters.FirstOrDefaultAsync(f => f.UserId == me.UserId && f.Name == name.Trim(), ct);
        var json = JsonSerializer.Serialize(filter);
        if (existing is null)
        {
            existing = new SavedQueueFilter { UserId = me.UserId, Name = name.Trim(), FilterJson = json, CreatedAt = clock.GetUtcNow() };
            ctx.SavedQueueFilters.Add(existing);
        }
        else existing.FilterJson = json;
        await ctx.SaveChangesAsync(ct);
        return existing;
    }

    public async Task DeleteFilterAsync(int id, CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        await ctx.SavedQueueFilters.Where(f => f.Id == id && f.UserId == me.UserId).ExecuteDeleteAsync(ct);
    }

    public static QueueFilter Parse(SavedQueueFilter saved) => JsonSerializer.Deserialize<QueueFilter>(saved.FilterJson) ?? new QueueFilter();
}
