using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents.AccessResponse;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Documents.Review;

/// <summary>One free text the response would disclose, with what looks like someone else's data or an internal remark.</summary>
/// <param name="Kind">Where it is: Communication, Other, FromUs, FromThem, Note or Verification; with <paramref name="Args"/>
/// (the channel, the kind of record, the reference, the author) it is named for the officer and, in the reader's own words, for the person.</param>
public sealed record ReviewItem(string Key, string Kind, IReadOnlyList<string> Args, DateTimeOffset At, string Text, IReadOnlyList<Flag> Flags, DisclosureDecision? Decision)
{
    /// <summary>Decided, on this very text: a text edited since the decision is to decide again.</summary>
    public bool Decided => Decision is not null && Decision.TextHash == DisclosureReview.Hash(Text);

    /// <summary>Whether blacking out is possible: only another person's email, phone or name can be blacked out.</summary>
    public bool Redactable => Flags.Any(f => f.Kind is FlagKind.OtherEmail or FlagKind.OtherPhone or FlagKind.ThirdPartyName);

    /// <summary>"Note on PD-2026-000001 by Sophie", for the officer.</summary>
    public string Source(UiText text) => text.Format($"Review.Source.{Kind}", Args.Cast<object?>().ToArray());

    /// <summary>"A note of our office on request PD-2026-000001", for the person, in their language.</summary>
    public string ReaderSource(DocText t) =>
        t.F($"Doc.Withheld.{Kind}", Args.Select((a, i) => (object?)(i == 0 && Kind == "Communication" ? AccessResponse.CategoryValues.Channel(a, t) : a)).ToArray());
}

/// <summary>The review of one access request: every item to decide, and the grounds a part of a response may be withheld on.</summary>
public sealed record ReviewView(int RequestId, string Reference, IReadOnlyList<ReviewItem> Items, IReadOnlyList<RefusalGround> Grounds)
{
    public int Pending => Items.Count(i => !i.Decided);
}

/// <summary>An item left out of the response (in whole or in part), named in the reader's language, for its "withheld" section.</summary>
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
        var found = await LoadAsync(ctx, requestId, ct);
        return found is { } f ? new ReviewView(requestId, f.Request.Reference, f.Items, RefusalGrounds.ForWithholding(f.Request.Jurisdiction)) : null;
    }

    public async Task<DocumentResult> DecideAsync(int requestId, string itemKey, DisclosureChoice choice, RefusalGround? ground, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var found = await LoadAsync(ctx, requestId, ct);
        if (found is not { } f) return new(false, text["Requests.NotFound"]);
        var item = f.Items.FirstOrDefault(i => i.Key == itemKey);
        if (item is null) return new(false, text["Requests.NotFound"]);
        if (choice != DisclosureChoice.Release && ground is null) return new(false, text["Review.GroundRequired"]);
        if (choice != DisclosureChoice.Release && !RefusalGrounds.ForWithholding(f.Request.Jurisdiction).Contains(ground!.Value))
            return new(false, text.Format("Review.GroundNotForWithholding", text[$"Ground.{ground}"]));
        // "Disclosed in part" must be true: with nothing of another person's to black out, the text would go out whole.
        if (choice == DisclosureChoice.Redact && !item.Redactable) return new(false, text["Review.NothingToRedact"]);
        var existing = await ctx.DisclosureDecisions.FirstOrDefaultAsync(d => d.RequestId == requestId && d.ItemKey == itemKey, ct);
        // Deciding the same item again (a double click, a change of mind) updates the one decision.
        var decision = existing ?? new DisclosureDecision { MerchantId = f.Request.MerchantId, RequestId = requestId, ItemKey = itemKey, ActorName = me.DisplayName, TextHash = "" };
        (decision.Choice, decision.Ground, decision.ActorName, decision.At, decision.TextHash) =
            (choice, choice == DisclosureChoice.Release ? null : ground, me.DisplayName, clock.GetUtcNow(), Hash(item.Text));
        if (existing is null) ctx.DisclosureDecisions.Add(decision);
        ctx.Audit("document.review-decided", nameof(PrivacyRequest), requestId, f.Request.MerchantId,
            new { f.Request.Reference, item = itemKey, choice = choice.ToString(), ground = decision.Ground?.ToString() });
        await ctx.SaveChangesAsync(ct);
        return new(true);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private async Task<(PrivacyRequest Request, IReadOnlyList<ReviewItem> Items)?> LoadAsync(PrivacyDeskDbContext ctx, int requestId, CancellationToken ct)
    {
        var request = await ctx.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request?.CustomerId is not int customerId) return null;
        var profile = await CustomerService.LoadProfileAsync(ctx, customerId, logLimit: 0, ct);
        if (profile is null) return null;
        var history = await RequestHistory.LoadAsync(ctx, customerId, ct);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        return (request, Items(request, profile, history, await DecisionsAsync(ctx, requestId, ct), merchant));
    }

    internal static async Task<IReadOnlyDictionary<string, DisclosureDecision>> DecisionsAsync(PrivacyDeskDbContext ctx, int requestId, CancellationToken ct) =>
        await ctx.DisclosureDecisions.AsNoTracking().Where(d => d.RequestId == requestId).ToDictionaryAsync(d => d.ItemKey, ct);

    /// <summary>The items to review: every flagged free text, and every office note (a note is never disclosed or withheld silently).</summary>
    internal static IReadOnlyList<ReviewItem> Items(PrivacyRequest request, CustomerProfile p, RequestHistory history, IReadOnlyDictionary<string, DisclosureDecision> decisions,
        Admin.Merchants.Merchant? merchant = null)
    {
        var own = Own(request, p, merchant);
        var items = new List<ReviewItem>();
        void Consider(string key, string kind, string[] args, DateTimeOffset at, string? value, bool always = false)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            var flags = DisclosureScanner.Scan(value, own);
            if (always) flags = [new Flag(FlagKind.InternalNote, 0, 0, ""), .. flags];
            if (flags.Count > 0) items.Add(new ReviewItem(key, kind, args, at, value, flags, decisions.GetValueOrDefault(key)));
        }
        foreach (var c in p.Communications) Consider($"communication:{c.Id}", "Communication", [c.Channel], c.At, c.Summary);
        foreach (var o in p.OtherRecords) Consider($"other:{o.Id}", "Other", [o.Kind], o.At, o.Description);
        foreach (var m in history.Correspondence) Consider(m.Key, m.FromUs ? "FromUs" : "FromThem", [m.Reference], m.At, $"{m.Subject}\n{m.Text}".Trim());
        foreach (var n in history.OfficeNotes) Consider(n.Key, "Note", [n.Reference, n.Author], n.At, n.Text, always: true);
        foreach (var r in history.Requests.Where(r => r.VerifiedAt is not null))
            Consider($"verification:{r.Reference}", "Verification", [r.Reference], r.VerifiedAt!.Value, r.VerificationEvidence);
        return items.OrderBy(i => i.At).ToList();
    }

    /// <summary>
    /// Not another person's: the requester's own addresses and numbers, and the merchant's (our letters carry the privacy
    /// office's email and telephone). The third parties we know the requester named are looked for by name.
    /// </summary>
    internal static OwnIdentifiers Own(PrivacyRequest r, CustomerProfile p, Admin.Merchants.Merchant? m = null) => new(
        p.ContactPoints.Where(c => c.Kind == ContactKind.Email).Select(c => c.Value.ToLowerInvariant())
            .Concat([r.RequesterEmail?.ToLowerInvariant() ?? "", m?.PrivacyOfficerEmail?.ToLowerInvariant() ?? ""]).Where(x => x != "").ToHashSet(),
        p.ContactPoints.Where(c => c.Kind == ContactKind.Phone).Select(c => DisclosureScanner.Digits(c.Value))
            .Concat([DisclosureScanner.Digits(r.RequesterPhone ?? ""), DisclosureScanner.Digits(m?.PrivacyOfficerPhone ?? "")]).Where(x => x != "").ToHashSet(),
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

    /// <param name="t">The reader's language: the redaction mark and the names of what was withheld are theirs.</param>
    public static Result Apply(CustomerProfile p, RequestHistory h, IReadOnlyList<ReviewItem> items, DocText t)
    {
        var mark = t["Doc.Redacted"];
        var byKey = items.Where(i => i.Decided).ToDictionary(i => i.Key);
        var withheld = items.Where(i => i.Decided && i.Decision!.Choice != DisclosureChoice.Release)
            .Select(i => new WithheldItem(i.ReaderSource(t), i.At, i.Decision!.Choice, i.Decision.Ground!.Value)).ToList();
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
        var requests = h.Requests.Select(r => r.VerificationEvidence is { } e ? r with { VerificationEvidence = Text($"verification:{r.Reference}", e) } : r).ToList();
        // A note is disclosed only once the officer released (or redacted) it; a withheld one is listed with its ground.
        var notes = h.OfficeNotes.Where(n => byKey.TryGetValue(n.Key, out var item) && item.Decision!.Choice != DisclosureChoice.Withhold)
            .Select(n => n with { Text = Text(n.Key, n.Text) }).ToList();
        return new Result(p with { Communications = communications, OtherRecords = others }, h with { Requests = requests, Correspondence = mail, Notes = notes }, withheld);
    }
}
