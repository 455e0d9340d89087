using System.Globalization;

namespace PrivacyDesk.Features.Customers.Import;

/// <summary>A validated row, normalised: what the import writes.</summary>
internal sealed record ImportedCustomer(
    string AccountNumber, string FirstName, string LastName, string Language, DateOnly? DateOfBirth, string? Gender,
    string? Email, string? Phone, string? PostalAddress, string? PostalCode, DateTimeOffset CreatedAt, DateTimeOffset? LastActivityAt)
{
    public static ImportedCustomer From(ImportRow row, string defaultLanguage, DateTimeOffset now) => new(
        row[ImportField.AccountNumber]!,
        row[ImportField.FirstName] ?? "",
        row[ImportField.LastName] ?? "",
        row[ImportField.Language]?.ToLowerInvariant() ?? defaultLanguage,
        row[ImportField.DateOfBirth] is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        row[ImportField.Gender],
        row[ImportField.Email]?.ToLowerInvariant(),
        row[ImportField.Phone],
        row[ImportField.PostalAddress],
        row[ImportField.PostalCode]?.ToUpperInvariant(),
        Time(row[ImportField.CreatedAt]) ?? now,
        Time(row[ImportField.LastActivityAt]));

    private static DateTimeOffset? Time(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public string SearchText
    {
        get
        {
            var digits = Phone is null ? null : new string(Phone.Where(char.IsAsciiDigit).ToArray());
            return Data.SearchText.Of(AccountNumber, FirstName, LastName, Email, Phone, digits, PostalAddress, PostalCode);
        }
    }
}
