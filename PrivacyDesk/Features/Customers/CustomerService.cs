using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers.Inventory;

namespace PrivacyDesk.Features.Customers;

/// <summary>Finding customers and reading everything held on one; within the user's merchants.</summary>
public sealed class CustomerService(Db db, TimeProvider clock)
{
    /// <summary>Prefix, accent- and case-insensitive search over names, emails, phones, postal codes and account numbers.</summary>
    public async Task<IReadOnlyList<CustomerHit>> SearchAsync(string text, int take = 20, CancellationToken ct = default)
    {
        if (FullTextQuery.Prefixes(text) is not { } fts) return [];
        await using var ctx = await db.OpenAsync(ct);
        var page = await Search(ctx, fts, FullTextQuery.EmailStart(text)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return page.OrderBy(h => h.FullName, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true)).ToList();
    }

    /// <summary>
    /// Driven from the FTS index and kept in its (rowid) order, so SQLite stops at the page it needs:
    /// sorting every "tremblay" of a million customers by name took 70 ms (BENCHMARKS.md). The page
    /// itself is sorted for display.
    /// </summary>
    internal static IQueryable<CustomerHit> Search(PrivacyDeskDbContext ctx, string fts, string? emailStart = null) =>
        from c in ctx.Customers.AsNoTracking()
        join hit in ctx.SearchCustomersInlined(fts) on c.Id equals hit.RowId
        // Past addresses count: a request often comes from the address a person used to have.
        where emailStart == null || c.ContactPoints.Any(p => p.Kind == ContactKind.Email && p.Value.ToLower().StartsWith(emailStart))
        orderby hit.RowId
        select new CustomerHit(c.Id, c.MerchantId, c.AccountNumber, c.FirstName + " " + c.LastName,
            c.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
            c.ContactPoints.Where(p => p.Kind == ContactKind.Phone && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
            c.ContactPoints.Where(p => p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.PostalCode).FirstOrDefault(),
            c.Status);

    public async Task<CustomerProfile?> GetProfileAsync(int id, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await LoadProfileAsync(ctx, id, logLimit: 500, ct);
    }

    /// <summary>
    /// Everything held on one person, from the given (scoped) context. The page shows the latest
    /// <paramref name="logLimit"/> log lines; documents pass null, because a response must show all.
    /// </summary>
    internal static async Task<CustomerProfile?> LoadProfileAsync(PrivacyDeskDbContext ctx, int id, int? logLimit, CancellationToken ct)
    {
        var customer = await ctx.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return null;
        await EnsureInventoryAsync(ctx, customer.MerchantId, ct);
        var logs = ctx.ActivityLogs.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At);
        return new CustomerProfile(
            customer,
            await ctx.ContactPoints.AsNoTracking().Where(p => p.CustomerId == id).OrderBy(p => p.Kind).ThenByDescending(p => p.ValidFrom).ToListAsync(ct),
            await ctx.Consents.AsNoTracking().Where(c => c.CustomerId == id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).ToListAsync(ct),
            await ctx.Orders.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At).ToListAsync(ct),
            await (logLimit is int limit ? logs.Take(limit) : logs).ToListAsync(ct),
            await ctx.Communications.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.Disclosures.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.OtherRecords.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.ThirdPartyPeople.AsNoTracking().Where(o => o.ReferredByCustomerId == id).ToListAsync(ct),
            await ctx.CustomerChanges.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.At).ThenByDescending(o => o.Id).ToListAsync(ct),
            await ctx.Requests.AsNoTracking().Where(r => r.CustomerId == id).OrderByDescending(r => r.ReceivedAt)
                .Select(r => new LinkedRequest(r.Id, r.Reference, r.TypeCodes, r.Status.ToString(), r.ReceivedAt)).ToListAsync(ct),
            (await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == customer.MerchantId).ToListAsync(ct)).OrderBy(e => e.Category).ToList(),
            await Notices.CustomerNotices.LoadAsync(ctx, id, ct));
    }

    /// <summary>Customers inactive longer than the merchant's identity retention (3 years by default): due for deletion.</summary>
    public async Task<IReadOnlyList<CustomerHit>> RetentionReviewAsync(int take = 200, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var rules = await ctx.DataInventory.AsNoTracking().Where(e => e.Category == DataCategory.Identity)
            .Select(e => new { e.MerchantId, e.RetentionMonths }).ToListAsync(ct);
        var result = new List<CustomerHit>();
        foreach (var merchantId in ctx.Scope.AllMerchants ? await ctx.Merchants.Select(m => m.Id).ToListAsync(ct) : ctx.Scope.MerchantIds)
        {
            var months = rules.FirstOrDefault(r => r.MerchantId == merchantId)?.RetentionMonths ?? 36;
            var cutoff = now.AddMonths(-months);
            result.AddRange(await ctx.Customers.AsNoTracking()
                .Where(c => c.MerchantId == merchantId && c.Status != CustomerStatus.Anonymised && (c.LastActivityAt ?? c.CreatedAt) < cutoff)
                .OrderBy(c => c.LastActivityAt).Take(take)
                .Select(c => new CustomerHit(c.Id, c.MerchantId, c.AccountNumber, c.FirstName + " " + c.LastName, null, null, null, c.Status))
                .ToListAsync(ct));
        }
        return result.Take(take).ToList();
    }

    /// <summary>
    /// One page of the retention review: customers (not yet anonymised) inactive longer than their
    /// merchant's identity retention (36 months when the inventory says nothing), with their current
    /// email and phone and the date they were last active; oldest activity first by default.
    /// </summary>
    public async Task<RetentionPage> RetentionPageAsync(int skip, int take, RetentionSort sort = RetentionSort.LastActivity, bool descending = false,
        CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        var due = await DueForRetentionAsync(ctx, clock.GetUtcNow(), ct);
        if (due is null) return new RetentionPage([], 0);
        var query = ctx.Customers.AsNoTracking().Where(due);
        var total = await query.CountAsync(ct);
        IOrderedQueryable<Customer> ordered = sort switch
        {
            RetentionSort.Name => descending ? query.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName) : query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName),
            RetentionSort.Account => descending ? query.OrderByDescending(c => c.AccountNumber) : query.OrderBy(c => c.AccountNumber),
            _ => descending ? query.OrderByDescending(c => c.LastActivityAt ?? c.CreatedAt) : query.OrderBy(c => c.LastActivityAt ?? c.CreatedAt),
        };
        var items = await ordered.ThenBy(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(c => new RetentionCandidate(c.Id, c.MerchantId, c.AccountNumber, c.FirstName + " " + c.LastName,
                c.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
                c.ContactPoints.Where(p => p.Kind == ContactKind.Phone && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
                c.LastActivityAt, c.CreatedAt, c.Status, c.Version))
            .ToListAsync(ct);
        return new RetentionPage(items, total);
    }

    /// <summary>
    /// "Due for the retention review" as one filter: per merchant in the user's scope, inactive since
    /// before that merchant's cutoff. Null when the user has no merchant at all.
    /// </summary>
    internal static async Task<System.Linq.Expressions.Expression<Func<Customer, bool>>?> DueForRetentionAsync(PrivacyDeskDbContext ctx, DateTimeOffset now,
        CancellationToken ct)
    {
        var rules = await ctx.DataInventory.AsNoTracking().Where(e => e.Category == DataCategory.Identity)
            .Select(e => new { e.MerchantId, e.RetentionMonths }).ToListAsync(ct);
        var merchants = ctx.Scope.AllMerchants ? await ctx.Merchants.Select(m => m.Id).ToListAsync(ct) : ctx.Scope.MerchantIds.ToList();
        var c = System.Linq.Expressions.Expression.Parameter(typeof(Customer), "c");
        System.Linq.Expressions.Expression? any = null;
        foreach (var merchantId in merchants)
        {
            var months = rules.FirstOrDefault(r => r.MerchantId == merchantId)?.RetentionMonths ?? 36;
            var cutoff = now.AddMonths(-months);
            var id = merchantId;
            System.Linq.Expressions.Expression<Func<Customer, bool>> one = x =>
                x.MerchantId == id && x.Status != CustomerStatus.Anonymised && (x.LastActivityAt ?? x.CreatedAt) < cutoff;
            var body = new ParameterSwap(one.Parameters[0], c).Visit(one.Body);
            any = any is null ? body : System.Linq.Expressions.Expression.OrElse(any, body);
        }
        return any is null ? null : System.Linq.Expressions.Expression.Lambda<Func<Customer, bool>>(any, c);
    }

    private sealed class ParameterSwap(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to)
        : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Creates a merchant's starting inventory the first time it is needed.</summary>
    internal static async Task EnsureInventoryAsync(PrivacyDeskDbContext ctx, int merchantId, CancellationToken ct)
    {
        if (await ctx.DataInventory.AnyAsync(e => e.MerchantId == merchantId, ct)) return;
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == merchantId, ct);
        ctx.DataInventory.AddRange(InventoryDefaults.For(merchant));
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The folded text the search index reads.</summary>
    public static string SearchTextFor(Customer c, IEnumerable<ContactPoint> points) =>
        SearchText.Of([c.AccountNumber, c.FirstName, c.LastName,
            .. points.Where(p => p.ValidTo is null).SelectMany(p => new[] { p.Value, p.PostalCode, p.Kind == ContactKind.Phone ? Digits(p.Value) : null })]);

    // "514-555-0101" is indexed as "514", "555", "0101" and also as "5145550101", so either form finds it.
    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());
}
