using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Notices;

/// <summary>What the officer types to log a disclosure.</summary>
public sealed class DisclosureInput
{
    /// <summary>The day in the merchant's time zone (the form starts it at the merchant's today).</summary>
    public DateTime? Date { get; set; }
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Categories { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Country { get; set; } = "";
    public bool LegalProcess { get; set; }
}

/// <summary>A legal-process disclosure whose person is still to be told (or whose order forbidding it has expired).</summary>
public sealed record NoticeTask(long DisclosureId, int CustomerId, string CustomerName, string AccountNumber, DateTimeOffset At, string Recipient, DateOnly? WithheldUntil);

public sealed record NoticeActionResult(bool Ok, string? Error = null, string? Field = null);

/// <summary>
/// Disclosures logged by hand, and the notice the policy promises when the law compelled one (seed 004: "we will
/// take reasonable steps to notify you in the event that we are required to provide your personal information to
/// third parties as part of legal process"). The notice is sent from the LegalProcess template in the person's
/// language, or withheld with the order that forbids it, its date and its expiry: after the expiry it is due again.
/// </summary>
public sealed partial class LegalProcessNotices(Db db, CurrentStaff staff, UiText text, IOptions<MailOptions> mail, TimeProvider clock)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    [GeneratedRegex(@"legal process|court order|subpoena|warrant|production order|proc[ée]dure judiciaire|ordonnance|mandat|assignation|r[ée]quisition", RegexOptions.IgnoreCase)]
    private static partial Regex LegalWords();

    /// <summary>An imported disclosure's kind that says the law compelled it.</summary>
    public static bool IsLegalProcessKind(string? kind) => kind is not null && LegalWords().IsMatch(kind);

    public async Task<bool> CanManageAsync(CancellationToken ct = default) => Officers.Any((await staff.GetAsync(ct)).IsInRole);

    private async Task<StaffIdentity> RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Officers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only a privacy officer or an administrator can log disclosures and notices.");
        return me;
    }

    public async Task<NoticeActionResult> LogAsync(int customerId, DisclosureInput input, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        if (string.IsNullOrWhiteSpace(input.Recipient)) return new(false, text["Disclosure.RecipientRequired"], "recipient");
        if (string.IsNullOrWhiteSpace(input.Categories)) return new(false, text["Disclosure.CategoriesRequired"], "categories");
        if (string.IsNullOrWhiteSpace(input.Purpose)) return new(false, text["Disclosure.PurposeRequired"], "purpose");
        var country = input.Country.Trim().ToUpperInvariant();
        if (!Regex.IsMatch(country, "^[A-Z]{2}$")) return new(false, text["Disclosure.CountryInvalid"], "country");
        if (input.Date is not { } date) return new(false, text["Disclosure.DateRequired"], "date");
        await using var ctx = await db.OpenAsync(ct);
        var customer = await ctx.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return new(false, text["Customers.NotFound"]);
        var zone = await ZoneAsync(ctx, customer.MerchantId, ct);
        var local = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        if (at > clock.GetUtcNow()) return new(false, text["Disclosure.DateInFuture"], "date");
        var d = new Disclosure
        {
            CustomerId = customer.Id, MerchantId = customer.MerchantId, At = at, Recipient = input.Recipient.Trim(), Categories = input.Categories.Trim(),
            Purpose = input.Purpose.Trim(), Country = country,
            RecipientKind = input.LegalProcess && string.IsNullOrWhiteSpace(input.Kind) ? text.Get("Disclosure.LegalProcessKind", customer.Language == "fr" ? "fr" : "en") : input.Kind.Trim(),
            IsLegalProcess = input.LegalProcess, Notice = input.LegalProcess ? PersonNotice.Due : PersonNotice.NotRequired,
        };
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        ctx.Disclosures.Add(d);
        await ctx.SaveChangesAsync(ct);
        ctx.Audit("customer.disclosure-logged", nameof(Customer), customer.Id, customer.MerchantId,
            new { disclosure = d.Id, d.Recipient, d.Categories, d.Purpose, d.Country, legalProcess = d.IsLegalProcess });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true);
    }

    /// <summary>Sends the notice to the person's current email, in their language; the task is done.</summary>
    public async Task<NoticeActionResult> SendAsync(long disclosureId, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var d = await ctx.Disclosures.Include(x => x.Customer).ThenInclude(c => c!.ContactPoints).FirstOrDefaultAsync(x => x.Id == disclosureId, ct);
        if (d is null || !d.IsLegalProcess) return new(false, text["Disclosure.NotFound"]);
        if (d.Notice == PersonNotice.Sent) return new(false, text["Disclosure.NoticeAlreadySent"]);
        var customer = d.Customer!;
        var email = customer.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.IsCurrent).OrderBy(p => p.Value).Select(p => p.Value).FirstOrDefault();
        if (email is null) return new(false, text["Disclosure.NoEmail"]);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == d.MerchantId, ct);
        // An order still in force forbids it: the notice waits for its expiry.
        if (d.Notice == PersonNotice.Withheld && d.WithheldUntil >= JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province))
            return new(false, text.Format("Disclosure.StillWithheld", d.WithheldUntil?.ToString("yyyy-MM-dd") ?? ""));
        var language = customer.Language == "fr" ? "fr" : "en";
        var templates = await NoticeTemplates.ForAsync(ctx, TemplatePurpose.LegalProcess, ct);
        if (!templates.TryGetValue(language, out var template)) return new(false, text.Format("Campaign.NoTemplate", text[$"LanguageName.{language}"]));
        var zone = JurisdictionCodes.TimeZoneFor(merchant.Country, merchant.Province);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var model = NoticeTemplates.Model(language, merchant, customer.FullName, customer.Gender, today);
        model["disclosure"] = new
        {
            date = NoticeTemplates.Date(language, merchant, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d.At, zone).DateTime)),
            recipient = d.Recipient, categories = d.Categories, purpose = d.Purpose,
        };
        var (subject, body) = NoticeTemplates.Render(template, model);
        var message = OutboxQueue.EnqueueStandalone(ctx, d.MerchantId, merchant, OutboxKind.LegalProcessNotice, email, customer.FullName, subject, body, language,
            $"disclosure-{d.Id}", mail.Value.DefaultFrom, clock);
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        // Claimed in the database: of two officers (or two tabs) sending at once, one sends; the other is told it was sent.
        var sentAt = clock.GetUtcNow();
        var claimed = await ctx.Disclosures.Where(x => x.Id == d.Id && (x.Notice == PersonNotice.Due || x.Notice == PersonNotice.Withheld))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Notice, PersonNotice.Sent).SetProperty(x => x.NoticeSentAt, sentAt).SetProperty(x => x.NoticeBy, me.DisplayName), ct);
        if (claimed == 0) return new(false, text["Disclosure.NoticeAlreadySent"]);
        ctx.Entry(d).State = EntityState.Unchanged;
        ctx.Audit("disclosure.notice-sent", nameof(Customer), customer.Id, d.MerchantId, new { disclosure = d.Id, d.Recipient, to = email, language });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true);
    }

    /// <summary>Records why the person may not be told yet: the order (or provision), its date, and when the prohibition ends.</summary>
    public async Task<NoticeActionResult> WithholdAsync(long disclosureId, string? order, DateTime? orderDate, DateTime? until, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        if (string.IsNullOrWhiteSpace(order)) return new(false, text["Disclosure.OrderRequired"], "order");
        if (orderDate is not { } issued) return new(false, text["Disclosure.OrderDateRequired"], "orderDate");
        if (until is not { } end) return new(false, text["Disclosure.UntilRequired"], "until");
        if (end.Date < issued.Date) return new(false, text["Disclosure.UntilBeforeOrder"], "until");
        await using var ctx = await db.OpenAsync(ct);
        var d = await ctx.Disclosures.FirstOrDefaultAsync(x => x.Id == disclosureId, ct);
        if (d is null || !d.IsLegalProcess) return new(false, text["Disclosure.NotFound"]);
        if (d.Notice == PersonNotice.Sent) return new(false, text["Disclosure.NoticeAlreadySent"]);
        d.Notice = PersonNotice.Withheld;
        d.WithheldOrder = order.Trim();
        d.WithheldOrderDate = DateOnly.FromDateTime(issued);
        d.WithheldUntil = DateOnly.FromDateTime(end);
        d.NoticeBy = me.DisplayName;
        ctx.Audit("disclosure.notice-withheld", nameof(Customer), d.CustomerId, d.MerchantId,
            new { disclosure = d.Id, order = d.WithheldOrder, orderDate = d.WithheldOrderDate, until = d.WithheldUntil });
        await ctx.SaveChangesAsync(ct);
        return new(true);
    }

    /// <summary>The notices owed: due, or withheld under an order that has since expired (each merchant's own date).</summary>
    public async Task<IReadOnlyList<NoticeTask>> OpenTasksAsync(CancellationToken ct = default)
    {
        if (!await CanManageAsync(ct)) return [];
        await using var ctx = await db.OpenAsync(ct);
        var rows = await ctx.Disclosures.AsNoTracking().Where(d => d.IsLegalProcess && (d.Notice == PersonNotice.Due || d.Notice == PersonNotice.Withheld))
            .OrderBy(d => d.At).Select(d => new { d.Id, d.CustomerId, d.MerchantId, d.Customer!.FirstName, d.Customer.LastName, d.Customer.AccountNumber, d.At, d.Recipient, d.Notice, d.WithheldUntil })
            .ToListAsync(ct);
        var zones = new Dictionary<int, TimeZoneInfo>();
        var tasks = new List<NoticeTask>();
        foreach (var r in rows)
        {
            if (!zones.TryGetValue(r.MerchantId, out var zone)) zones[r.MerchantId] = zone = await ZoneAsync(ctx, r.MerchantId, ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            if (r.Notice == PersonNotice.Withheld && r.WithheldUntil >= today) continue;
            tasks.Add(new(r.Id, r.CustomerId, $"{r.FirstName} {r.LastName}".Trim(), r.AccountNumber, r.At, r.Recipient, r.Notice == PersonNotice.Withheld ? r.WithheldUntil : null));
        }
        return tasks;
    }

    private static async Task<TimeZoneInfo> ZoneAsync(PrivacyDeskDbContext ctx, int merchantId, CancellationToken ct)
    {
        var m = await ctx.Merchants.AsNoTracking().Where(x => x.Id == merchantId).Select(x => new { x.Country, x.Province }).FirstAsync(ct);
        return JurisdictionCodes.TimeZoneFor(m.Country, m.Province);
    }
}
