using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Notices.Recipients;

/// <summary>One changed field as the recipient must apply it.</summary>
public sealed record ChangedField(string Field, string? Old, string? New);

/// <summary>
/// Writes the list of recipients to tell when a change is made under a request, in the change's own transaction:
/// everyone the disclosures log says received the person's data, and the processors and partners the inventory
/// names for the categories changed. Taken at that moment because an erasure may delete what it comes from.
/// </summary>
public static class RecipientList
{
    /// <summary>The inventory category a rectified field belongs to.</summary>
    public static DataCategory CategoryOf(RectifiableField f) => f switch
    {
        RectifiableField.Email or RectifiableField.Phone or RectifiableField.PostalAddress => DataCategory.Contact,
        _ => DataCategory.Identity,
    };

    public static async Task OpenAsync(PrivacyDeskDbContext ctx, Customer c, PrivacyRequest r, RecipientChange change, IReadOnlyCollection<DataCategory> categories,
        ChangedField? changed, DateTimeOffset now, CancellationToken ct)
    {
        var language = r.Language == "fr" ? "fr" : "en";
        var found = new Dictionary<string, (RecipientSource Source, HashSet<string> Received)>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, RecipientSource source, string received)
        {
            name = name.Trim();
            if (name.Length == 0) return;
            if (name.Length > 200) name = name[..200];
            if (!found.TryGetValue(name, out var entry)) found[name] = entry = (source, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            if (!string.IsNullOrWhiteSpace(received)) entry.Received.Add(received.Trim());
        }
        // A disclosure the law forbids revealing (an order still in force) is left out: the list may be given to the person.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var d in await ctx.Disclosures.AsNoTracking().Where(d => d.CustomerId == c.Id && !(d.Notice == PersonNotice.Withheld && d.WithheldUntil >= today))
                     .OrderBy(d => d.At).Select(d => new { d.Recipient, d.Categories }).ToListAsync(ct))
            Add(d.Recipient, RecipientSource.Disclosure, d.Categories);
        await CustomerService.EnsureInventoryAsync(ctx, c.MerchantId, ct);
        var inventory = await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == c.MerchantId).ToListAsync(ct);
        // An erasure keeps what a legal hold requires: the recipients of those categories have nothing to erase.
        foreach (var e in inventory.Where(e => categories.Contains(e.Category) && !(change == RecipientChange.Erasure && e.OnErasure == ErasureAction.KeepUnderLegalHold)))
            foreach (var name in Names(language == "fr" ? e.RecipientsFr : e.Recipients))
                Add(name, RecipientSource.Inventory, CategoryToken + e.Category);
        if (found.Count == 0) return;

        var open = await ctx.RecipientNotices.Where(n => n.RequestId == r.Id && n.Change == change).ToListAsync(ct);
        foreach (var (name, (source, received)) in found)
        {
            var notice = open.FirstOrDefault(n => string.Equals(n.RecipientName, name, StringComparison.OrdinalIgnoreCase));
            if (notice is null)
            {
                // The address and language this merchant used for the same recipient before are offered again.
                var earlier = await ctx.RecipientNotices.AsNoTracking().Where(n => n.MerchantId == c.MerchantId && n.RecipientName == name && n.Channel != null)
                    .OrderByDescending(n => n.Id).FirstOrDefaultAsync(ct);
                notice = new RecipientNotice
                {
                    MerchantId = c.MerchantId, RequestId = r.Id, CustomerId = c.Id, Change = change, RecipientName = name, Source = source,
                    Status = RecipientNoticeStatus.ToTell, OpenedAt = now, PersonName = c.FullName, PersonReference = c.AccountNumber,
                    Email = earlier?.Email, PostalAddress = earlier?.PostalAddress, Language = earlier?.Language ?? language,
                };
                ctx.RecipientNotices.Add(notice);
                open.Add(notice);
                RequestIntake.AddEvent(ctx, r, RequestEventKind.RecipientNotice, null, new { action = "Opened", recipient = name, change = change.ToString() });
            }
            else if (notice.Status != RecipientNoticeStatus.ToTell)
            {
                // Told already of an earlier change under this request: told again of this one.
                notice.Status = RecipientNoticeStatus.ToTell;
                notice.SentAt = null;
                notice.ConfirmedAt = null;
                RequestIntake.AddEvent(ctx, r, RequestEventKind.RecipientNotice, null, new { action = "Reopened", recipient = name, change = change.ToString() });
            }
            notice.Received = string.Join(", ", received.Union(Split(notice.Received), StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
            if (changed is not null)
            {
                var fields = Changes(notice).Where(f => f.Field != changed.Field).Append(changed).ToList();
                notice.Changed = JsonSerializer.Serialize(fields);
            }
        }
    }

    /// <summary>An inventory category in <see cref="RecipientNotice.Received"/> is kept as its code, and said in the reader's language.</summary>
    private const string CategoryToken = "@";

    /// <summary>What the recipient received, in <paramref name="language"/>: inventory categories translated, the disclosures' own words as logged.</summary>
    public static string Received(RecipientNotice n, string language) => string.Join(", ", Split(n.Received).Select(part =>
        part.StartsWith(CategoryToken, StringComparison.Ordinal) ? Hosting.Localization.UiText.Shared.Get($"Category.{part[1..]}", language).ToLowerInvariant() : part));

    public static IReadOnlyList<ChangedField> Changes(RecipientNotice n) =>
        string.IsNullOrEmpty(n.Changed) ? [] : JsonSerializer.Deserialize<List<ChangedField>>(n.Changed) ?? [];

    private static IEnumerable<string> Split(string s) => s.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The recipients an inventory line names: "La Poste, Colissimo (carriers)" is La Poste and Colissimo; the words in
    /// brackets say what they are, not who. Commas inside brackets do not split.
    /// </summary>
    public static IEnumerable<string> Names(string recipients)
    {
        var depth = 0;
        var current = new System.Text.StringBuilder();
        foreach (var ch in recipients + ",")
        {
            if (ch == '(') depth++;
            if (ch == ')') depth = Math.Max(0, depth - 1);
            if ((ch == ',' || ch == ';') && depth == 0)
            {
                var name = System.Text.RegularExpressions.Regex.Replace(current.ToString(), @"\s*\([^)]*\)", "").Trim();
                if (name.Length > 0) yield return name;
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
    }
}
