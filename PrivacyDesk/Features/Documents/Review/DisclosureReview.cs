using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents.AccessResponse;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Documents.Review;

/// <summary>One free text the response would disclose, with what looks like someone else's data or an internal remark.</summary>
/// <param name="Source">Where it is, in the officer's words ("Communication of 2026-10-01", "Note on PD-2026-000001").</param>
public sealed record ReviewItem(string Key, string Source, DateTimeOffset At, string Text, IReadOnlyList<Flag> Flags, DisclosureDecision? Decision)
{
    public bool Decided => Decision is not null;
}

/// <summary>The review of one access request: every item to decide, and whether the response may be generated.</summary>
public sealed record ReviewView(int RequestId, string Reference, IReadOnlyList<ReviewItem> Items, IReadOnlyList<RefusalGround> Grounds)
{
    public int Pending => Items.Count(i => !i.Decided);
}

/// <summary>An item left out of the response (in whole or in part), for its "withheld" section.</summary>
public sealed record WithheldItem(string Source, DateTimeOffset At, DisclosureChoice Choice, RefusalGround Ground);

/// <summary>
/// The review step before an access response is released: the officer sees each free text that
/// would be disclosed and looks like another person's data (an email or phone that is not the
/// requester's, a referred person's name) or an internal remark, and every note the office wrote on
/// the person's requests; for each, releases it, redacts the flagged parts, or withholds it, with the
/// ground in law. The response is refused until every such item is decided; the decisions are
/// applied to the PDF and the ZIP alike, listed in the "withheld" section, and audited.
/// </summary>
public sealed class DisclosureReview(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    public async Task<ReviewView?> GetAsync(int requestId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request?.CustomerId is not int customerId) return null;
        var profile = await CustomerService.LoadProfileAsync(ctx, customerId, logLimit: 0, ct);
        if (profile is null) return null;
        var history = await RequestHistory.LoadAsync(ctx, customerId, ct);
        var decisions = await DecisionsAsync(ctx, requestId, ct);
        return new ReviewView(requestId, request.Reference, Items(request, profile, history, decisions, text), RefusalGrounds.In(request.Jurisdiction));
    }

    public async Task<DocumentResult> DecideAsync(int requestId, string itemKey, DisclosureChoice choice, RefusalGround? ground, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, text["Requests.NotFound"]);
        if (choice != DisclosureChoice.Release && ground is null) return new(false, text["Review.GroundRequired"]);
        if (ground is { } g && !RefusalGrounds.Applies(g, request.Jurisdiction))
            return new(false, text.Format("Requests.RefusalGroundNotInRegime", text[$"Ground.{g}"], text[$"Rule.{request.Jurisdiction}.Short"]));
        var existing = await ctx.DisclosureDecisions.FirstOrDefaultAsync(d => d.RequestId == requestId && d.ItemKey == itemKey, ct);
        // Deciding the same item again (a double click, a change of mind) updates the one decision.
        var decision = existing ?? new DisclosureDecision { MerchantId = request.MerchantId, RequestId = requestId, ItemKey = itemKey, ActorName = me.DisplayName };
        (decision.Choice, decision.Ground, decision.ActorName, decision.At) = (choice, choice == DisclosureChoice.Release ? null : ground, me.DisplayName, clock.GetUtcNow());
        if (existing is null) ctx.DisclosureDecisions.Add(decision);
        ctx.Audit("document.review-decided", nameof(PrivacyRequest), requestId, request.MerchantId,
            new { request.Reference, item = itemKey, choice = choice.ToString(), ground = decision.Ground?.ToString() });
        await ctx.SaveChangesAsync(ct);
        return new(true);
    }

    internal static async Task<IReadOnlyDictionary<string, DisclosureDecision>> DecisionsAsync(PrivacyDeskDbContext ctx, int requestId, CancellationToken ct) =>
        await ctx.DisclosureDecisions.AsNoTracking().Where(d => d.RequestId == requestId).ToDictionaryAsync(d => d.ItemKey, ct);

    /// <summary>The items to review: every flagged free text, and every office note (a note is never disclosed or withheld silently).</summary>
    internal static IReadOnlyList<ReviewItem> Items(PrivacyRequest request, CustomerProfile p, RequestHistory history,
        IReadOnlyDictionary<string, DisclosureDecision> decisions, UiText text)
    {
        var own = Own(request, p);
        var items = new List<ReviewItem>();
        void Consider(string key, string source, DateTimeOffset at, string? value, bool always = false)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            var flags = DisclosureScanner.Scan(value, own);
            if (always) flags = [new Flag(FlagKind.InternalNote, 0, 0, ""), .. flags];
            if (flags.Count > 0) items.Add(new ReviewItem(key, source, at, value, flags, decisions.GetValueOrDefault(key)));
        }
        foreach (var c in p.Communications) Consider($"communication:{c.Id}", text.Format("Review.Source.Communication", c.Channel), c.At, c.Summary);
        foreach (var o in p.OtherRecords) Consider($"other:{o.Id}", text.Format("Review.Source.Other", o.Kind), o.At, o.Description);
        foreach (var m in history.Correspondence)
            Consider(m.Key, text.Format(m.FromUs ? "Review.Source.FromUs" : "Review.Source.FromThem", m.Reference), m.At, $"{m.Subject}\n{m.Text}".Trim());
        foreach (var n in history.OfficeNotes) Consider(n.Key, text.Format("Review.Source.Note", n.Reference, n.Author), n.At, n.Text, always: true);
        return items.OrderBy(i => i.At).ToList();
    }

    /// <summary>The requester's own addresses and numbers, and the third parties we know they named.</summary>
    internal static OwnIdentifiers Own(PrivacyRequest r, CustomerProfile p) => new(
        p.ContactPoints.Where(c => c.Kind == ContactKind.Email).Select(c => c.Value.ToLowerInvariant()).Append(r.RequesterEmail?.ToLowerInvariant() ?? "").Where(x => x != "").ToHashSet(),
        p.ContactPoints.Where(c => c.Kind == ContactKind.Phone).Select(c => DisclosureScanner.Digits(c.Value)).Append(DisclosureScanner.Digits(r.RequesterPhone ?? "")).Where(x => x != "").ToHashSet(),
        p.ReferredPeople.Select(x => x.Name).ToList());

    private async Task<StaffIdentity> RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Officers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only privacy officers and administrators review a disclosure.");
        return me;
    }
}

/// <summary>The review's decisions applied to what the response discloses, the PDF and the ZIP alike.</summary>
public static class ReviewedDisclosure
{
    public sealed record Result(CustomerProfile Profile, RequestHistory History, IReadOnlyList<WithheldItem> Withheld);

    /// <param name="mark">What stands where something was blacked out or withheld, in the reader's language.</param>
    public static Result Apply(CustomerProfile p, RequestHistory h, IReadOnlyList<ReviewItem> items, string mark)
    {
        var byKey = items.Where(i => i.Decision is not null).ToDictionary(i => i.Key);
        var withheld = items.Where(i => i.Decision is { Choice: not DisclosureChoice.Release })
            .Select(i => new WithheldItem(i.Source, i.At, i.Decision!.Choice, i.Decision.Ground!.Value)).ToList();
        string Text(string key, string value) => byKey.TryGetValue(key, out var item) ? item.Decision!.Choice switch
        {
            DisclosureChoice.Redact => DisclosureScanner.Redact(value, item.Flags, mark),
            DisclosureChoice.Withhold => mark,
            _ => value,
        } : value;
        // Copies, so that nothing of the review leaks back into the records themselves.
        var communications = p.Communications.Select(c => new Communication { Id = c.Id, CustomerId = c.CustomerId, MerchantId = c.MerchantId, At = c.At, Channel = c.Channel,
            Summary = Text($"communication:{c.Id}", c.Summary) }).ToList();
        var others = p.OtherRecords.Select(o => new OtherRecord { Id = o.Id, CustomerId = o.CustomerId, MerchantId = o.MerchantId, At = o.At, Kind = o.Kind,
            Description = Text($"other:{o.Id}", o.Description) }).ToList();
        var mail = h.Correspondence.Select(m => byKey.TryGetValue(m.Key, out var item) && item.Decision!.Choice != DisclosureChoice.Release
            ? m with { Subject = item.Decision.Choice == DisclosureChoice.Withhold ? mark : Text(m.Key, m.Subject), Text = Text(m.Key, m.Text) } : m).ToList();
        // A note is disclosed only once the officer released (or redacted) it; a withheld one is listed with its ground.
        var notes = h.OfficeNotes.Where(n => byKey.TryGetValue(n.Key, out var item) && item.Decision!.Choice != DisclosureChoice.Withhold)
            .Select(n => n with { Text = Text(n.Key, n.Text) }).ToList();
        return new Result(p with { Communications = communications, OtherRecords = others }, h with { Correspondence = mail, Notes = notes }, withheld);
    }
}
