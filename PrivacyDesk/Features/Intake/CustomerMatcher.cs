using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers;

namespace PrivacyDesk.Features.Intake;

/// <summary>A customer who may be the sender, and why: shown on the request for an officer to confirm.</summary>
public sealed record CustomerCandidate(int CustomerId, string Name, string AccountNumber, string Reason);

/// <summary>
/// Finds who a message may be from: first by the sender's address (current or past email contact
/// points), then by the display name with a postal code quoted in the message. Never links by
/// itself: a wrong link would disclose one person's data to another.
/// </summary>
public static partial class CustomerMatcher
{
    public static async Task<List<CustomerCandidate>> FindAsync(PrivacyDeskDbContext db, int merchantId, string? email, string? name, string? text, CancellationToken ct)
    {
        var found = new List<CustomerCandidate>();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            var byEmail = await db.ContactPoints.AsNoTracking()
                .Where(cp => cp.MerchantId == merchantId && cp.Kind == ContactKind.Email && cp.Value == address)
                .Join(db.Customers, cp => cp.CustomerId, c => c.Id, (cp, c) => new { c.Id, c.FirstName, c.LastName, c.AccountNumber, c.Status, Current = cp.ValidTo == null })
                .Where(x => x.Status != CustomerStatus.Anonymised)
                .Take(10).ToListAsync(ct);
            found.AddRange(byEmail.Select(x => new CustomerCandidate(x.Id, $"{x.FirstName} {x.LastName}".Trim(), x.AccountNumber,
                x.Current ? "email" : "past-email")));
        }

        var postalCodes = PostalCodes(text ?? "");
        var (first, last) = SplitName(name);
        if (last is not null && postalCodes.Count > 0)
        {
            var byName = await db.Customers.AsNoTracking()
                .Where(c => c.MerchantId == merchantId && c.LastName == last && c.Status != CustomerStatus.Anonymised)
                .Where(c => c.ContactPoints.Any(cp => cp.Kind == ContactKind.Postal && cp.PostalCode != null && postalCodes.Contains(cp.PostalCode)))
                .Select(c => new { c.Id, c.FirstName, c.LastName, c.AccountNumber })
                .Take(10).ToListAsync(ct);
            found.AddRange(byName
                .Where(x => first is null || string.Equals(x.FirstName, first, StringComparison.OrdinalIgnoreCase))
                .Select(x => new CustomerCandidate(x.Id, $"{x.FirstName} {x.LastName}".Trim(), x.AccountNumber, "name-postal-code")));
        }
        return found.DistinctBy(c => c.CustomerId).ToList();
    }

    /// <summary>Canadian (H7N 1A1), US (12345, 12345-6789) and French (75011) postal codes quoted in the text, in the stored form.</summary>
    internal static List<string> PostalCodes(string text)
    {
        var codes = new List<string>();
        foreach (Match m in CanadianPostalCode().Matches(text.ToUpperInvariant()))
            codes.Add($"{m.Groups[1].Value} {m.Groups[2].Value}");
        foreach (Match m in NumericPostalCode().Matches(text))
            codes.Add(m.Value);
        return codes.Distinct().Take(10).ToList();
    }

    private static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@')) return (null, null);
        var n = name.Trim();
        if (n.Contains(','))
        {
            var parts = n.Split(',', 2, StringSplitOptions.TrimEntries);
            return (parts[1].Length > 0 ? parts[1] : null, parts[0]);
        }
        var words = n.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 2 ? (null, words[0]) : (words[0], string.Join(' ', words[1..]));
    }

    [GeneratedRegex(@"\b([A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z]) ?(\d[A-CEGHJ-NPR-TV-Z]\d)\b")]
    private static partial Regex CanadianPostalCode();

    [GeneratedRegex(@"\b\d{5}(-\d{4})?\b")]
    private static partial Regex NumericPostalCode();
}
