using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Customers.Import;

/// <summary>
/// Imports the records attached to customers (orders, consents, disclosures, device logs), joined by
/// account number. Same contract as the customer import: validate all, then all-or-nothing (unless
/// partial is accepted); re-importing adds nothing twice (each record has a natural key).
/// </summary>
public sealed partial class RecordImporter(UiText text)
{
    public async Task<ImportReport> ImportAsync(PrivacyDeskDbContext ctx, int merchantId, ImportEntity entity, Func<Stream> open, ImportFormat format,
        IReadOnlyDictionary<string, ImportField> map, ImportOptions options, CancellationToken ct = default)
    {
        if (!ctx.Scope.Allows(merchantId)) throw new MerchantScopeViolationException("Import", merchantId);
        var watch = Stopwatch.StartNew();
        var accounts = await ctx.Customers.AsNoTracking().Where(c => c.MerchantId == merchantId).Select(c => new { c.AccountNumber, c.Id })
            .ToDictionaryAsync(c => c.AccountNumber, c => c.Id, StringComparer.Ordinal, ct);

        var errors = new List<ImportError>();
        var good = new List<(int CustomerId, ImportRow Row)>();
        long rows = 0;
        await using (var stream = open())
            await foreach (var row in CustomerFileReader.ReadAsync(stream, format, map, ct))
            {
                rows++;
                var rowErrors = Validate(entity, row, accounts, out var customerId);
                if (rowErrors.Count == 0) good.Add((customerId, row)); else errors.AddRange(rowErrors);
            }
        var preview = good.Take(20).Select(g => g.Row).ToList();
        if (options.DryRun || (errors.Count > 0 && !options.AcceptPartial) || good.Count == 0)
            return new ImportReport(rows, good.Count, 0, 0, 0, errors.Take(1000).ToList(), errors.Count, false, preview, watch.Elapsed);

        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        var (inserted, unchanged) = await WriteAsync(ctx, merchantId, entity, good, ct);
        ctx.Audit($"{entity.ToString().ToLowerInvariant()}.imported", "Merchant", merchantId, merchantId, new { inserted, unchanged, rejected = errors.Count });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportReport(rows, good.Count, inserted, 0, unchanged, errors.Take(1000).ToList(), errors.Count, true, preview, watch.Elapsed);
    }

    private List<ImportError> Validate(ImportEntity entity, ImportRow row, Dictionary<string, int> accounts, out int customerId)
    {
        var errors = new List<ImportError>();
        customerId = 0;
        // Never store a full card number, in any field (a summary or a description too): refused, not silently kept.
        errors.AddRange(ImportFields.WithCardNumbers(row).Select(field => new ImportError(row.Line, field, text["Import.FullCardNumber"])));
        var account = row[ImportField.AccountNumber];
        // A person who is not a customer may come with no referring account (Tell-A-Friend addresses, say).
        if (account is null && entity != ImportEntity.ThirdParties) errors.Add(new(row.Line, "account_number", text["Import.AccountMissing"]));
        else if (account is not null && !accounts.TryGetValue(account, out customerId)) errors.Add(new(row.Line, "account_number", text.Format("Import.UnknownAccount", account)));
        if (Time(row[ImportField.At]) is null) errors.Add(new(row.Line, "at", text.Format("Import.BadDate", row[ImportField.At] ?? "")));
        void Require(ImportField f, string name) { if (row[f] is null) errors.Add(new(row.Line, name, text.Format("Import.Required", name))); }
        switch (entity)
        {
            case ImportEntity.Orders:
                Require(ImportField.OrderNumber, "order_number");
                Require(ImportField.Items, "items");
                if (!decimal.TryParse(row[ImportField.Total], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                    errors.Add(new(row.Line, "total", text.Format("Import.BadAmount", row[ImportField.Total] ?? "")));
                break;
            case ImportEntity.Consents:
                Require(ImportField.Purpose, "purpose");
                if (!Enum.TryParse<ConsentChannel>(row[ImportField.Channel], true, out _)) errors.Add(new(row.Line, "channel", text.Format("Import.BadChoice", row[ImportField.Channel] ?? "", "email, sms, phone, post, cookies")));
                if (!Enum.TryParse<ConsentState>(row[ImportField.State], true, out _)) errors.Add(new(row.Line, "state", text.Format("Import.BadChoice", row[ImportField.State] ?? "", "granted, withdrawn")));
                if (row[ImportField.ExpiresAt] is { } exp && Time(exp) is null) errors.Add(new(row.Line, "expires_at", text.Format("Import.BadDate", exp)));
                break;
            case ImportEntity.Disclosures:
                Require(ImportField.Recipient, "recipient");
                Require(ImportField.Categories, "categories");
                Require(ImportField.Purpose, "purpose");
                if (row[ImportField.Country] is not { Length: 2 }) errors.Add(new(row.Line, "country", text.Format("Import.BadChoice", row[ImportField.Country] ?? "", "CA, US, FR, ...")));
                break;
            case ImportEntity.ActivityLogs:
                if (row[ImportField.IpAddress] is { } ip && !IPAddress.TryParse(ip, out _)) errors.Add(new(row.Line, "ip_address", text.Format("Import.BadChoice", ip, "IPv4/IPv6")));
                break;
            case ImportEntity.Communications:
                Require(ImportField.Channel, "channel");
                Require(ImportField.Summary, "summary");
                break;
            case ImportEntity.OtherRecords:
                Require(ImportField.RecordKind, "kind");
                Require(ImportField.Description, "description");
                break;
            case ImportEntity.ThirdParties:
                Require(ImportField.PersonName, "name");
                Require(ImportField.Source, "source");
                if (row[ImportField.Email] is { } email && !Requests.RequestIntake.LooksLikeEmail(email)) errors.Add(new(row.Line, "email", text.Format("Import.BadEmail", email)));
                break;
        }
        return errors;
    }

    private async Task<(int Inserted, int Unchanged)> WriteAsync(PrivacyDeskDbContext ctx, int merchantId, ImportEntity entity,
        List<(int CustomerId, ImportRow Row)> good, CancellationToken ct)
    {
        int inserted = 0, unchanged = 0;
        var ids = good.Select(g => g.CustomerId).Distinct().ToList();
        switch (entity)
        {
            case ImportEntity.Orders:
                var orders = (await ctx.Orders.Where(o => o.MerchantId == merchantId).Select(o => new { o.CustomerId, o.OrderNumber }).ToListAsync(ct))
                    .Select(o => (o.CustomerId, o.OrderNumber)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    if (!orders.Add((cid, r[ImportField.OrderNumber]!))) { unchanged++; continue; }
                    ctx.Orders.Add(new CustomerOrder { CustomerId = cid, MerchantId = merchantId, OrderNumber = r[ImportField.OrderNumber]!, At = Time(r[ImportField.At])!.Value,
                        Items = r[ImportField.Items]!, Total = decimal.Parse(r[ImportField.Total]!, CultureInfo.InvariantCulture), Currency = r[ImportField.Currency]?.ToUpperInvariant() ?? "CAD",
                        PaymentMethodMasked = r[ImportField.PaymentMethod] });
                    inserted++;
                }
                break;
            case ImportEntity.Consents:
                var consents = (await ctx.Consents.Where(c => ids.Contains(c.CustomerId)).Select(c => new { c.CustomerId, c.Purpose, c.Channel, c.State, c.At }).ToListAsync(ct))
                    .Select(c => (c.CustomerId, c.Purpose, c.Channel, c.State, c.At.UtcTicks)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    var c = new Consent { CustomerId = cid, MerchantId = merchantId, Purpose = r[ImportField.Purpose]!, Channel = Enum.Parse<ConsentChannel>(r[ImportField.Channel]!, true),
                        State = Enum.Parse<ConsentState>(r[ImportField.State]!, true), Source = r[ImportField.Source] ?? "Import", At = Time(r[ImportField.At])!.Value,
                        ExpiresAt = Time(r[ImportField.ExpiresAt]) };
                    if (!consents.Add((cid, c.Purpose, c.Channel, c.State, c.At.UtcTicks))) { unchanged++; continue; }
                    ctx.Consents.Add(c);
                    inserted++;
                }
                break;
            case ImportEntity.Disclosures:
                var disclosures = (await ctx.Disclosures.Where(d => ids.Contains(d.CustomerId)).Select(d => new { d.CustomerId, d.Recipient, d.Categories, d.At }).ToListAsync(ct))
                    .Select(d => (d.CustomerId, d.Recipient, d.Categories, d.At.UtcTicks)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    var at = Time(r[ImportField.At])!.Value;
                    if (!disclosures.Add((cid, r[ImportField.Recipient]!, r[ImportField.Categories]!, at.UtcTicks))) { unchanged++; continue; }
                    var legal = Notices.LegalProcessNotices.IsLegalProcessKind(r[ImportField.RecipientKind]);
                    ctx.Disclosures.Add(new Disclosure { CustomerId = cid, MerchantId = merchantId, At = at, Recipient = r[ImportField.Recipient]!,
                        RecipientKind = r[ImportField.RecipientKind] ?? "", Categories = r[ImportField.Categories]!, Purpose = r[ImportField.Purpose]!,
                        Country = r[ImportField.Country]!.ToUpperInvariant(),
                        // A disclosure the law compelled opens the notice task the policy promises (seed 004).
                        IsLegalProcess = legal, Notice = legal ? PersonNotice.Due : PersonNotice.NotRequired });
                    inserted++;
                }
                break;
            case ImportEntity.ActivityLogs:
                var logs = (await ctx.ActivityLogs.Where(l => ids.Contains(l.CustomerId)).Select(l => new { l.CustomerId, l.At, l.IpAddress, l.Page }).ToListAsync(ct))
                    .Select(l => (l.CustomerId, l.At.UtcTicks, l.IpAddress, l.Page)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    var at = Time(r[ImportField.At])!.Value;
                    if (!logs.Add((cid, at.UtcTicks, r[ImportField.IpAddress], r[ImportField.Page]))) { unchanged++; continue; }
                    ctx.ActivityLogs.Add(new ActivityLog { CustomerId = cid, MerchantId = merchantId, At = at, IpAddress = r[ImportField.IpAddress],
                        OperatingSystem = r[ImportField.OperatingSystem], Browser = r[ImportField.Browser], Page = r[ImportField.Page] });
                    inserted++;
                }
                break;
            case ImportEntity.Communications:
                var comms = (await ctx.Communications.Where(m => ids.Contains(m.CustomerId)).Select(m => new { m.CustomerId, m.At, m.Summary }).ToListAsync(ct))
                    .Select(m => (m.CustomerId, m.At.UtcTicks, m.Summary)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    var at = Time(r[ImportField.At])!.Value;
                    if (!comms.Add((cid, at.UtcTicks, r[ImportField.Summary]!))) { unchanged++; continue; }
                    ctx.Communications.Add(new Communication { CustomerId = cid, MerchantId = merchantId, At = at, Channel = r[ImportField.Channel]!, Summary = r[ImportField.Summary]! });
                    inserted++;
                }
                break;
            case ImportEntity.OtherRecords:
                var others = (await ctx.OtherRecords.Where(o => ids.Contains(o.CustomerId)).Select(o => new { o.CustomerId, o.At, o.Kind, o.Description }).ToListAsync(ct))
                    .Select(o => (o.CustomerId, o.At.UtcTicks, o.Kind, o.Description)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    var at = Time(r[ImportField.At])!.Value;
                    if (!others.Add((cid, at.UtcTicks, r[ImportField.RecordKind]!, r[ImportField.Description]!))) { unchanged++; continue; }
                    ctx.OtherRecords.Add(new OtherRecord { CustomerId = cid, MerchantId = merchantId, At = at, Kind = r[ImportField.RecordKind]!, Description = r[ImportField.Description]! });
                    inserted++;
                }
                break;
            case ImportEntity.ThirdParties:
                var people = (await ctx.ThirdPartyPeople.Where(p => p.MerchantId == merchantId).Select(p => new { p.Name, p.Email, p.Source }).ToListAsync(ct))
                    .Select(p => (p.Name, p.Email, p.Source)).ToHashSet();
                foreach (var (cid, r) in good)
                {
                    if (!people.Add((r[ImportField.PersonName]!, r[ImportField.Email]?.ToLowerInvariant(), r[ImportField.Source]!))) { unchanged++; continue; }
                    ctx.ThirdPartyPeople.Add(new ThirdPartyPerson { MerchantId = merchantId, ReferredByCustomerId = cid == 0 ? null : cid, Name = r[ImportField.PersonName]!,
                        Email = r[ImportField.Email]?.ToLowerInvariant(), Source = r[ImportField.Source]!, At = Time(r[ImportField.At])!.Value });
                    inserted++;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entity));
        }
        await ctx.SaveChangesAsync(ct);
        return (inserted, unchanged);
    }

    private static DateTimeOffset? Time(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

}
