namespace PrivacyDesk.Features.Requests.Deadlines;

/// <summary>The privacy regime that sets a request's legal clock.</summary>
public enum Jurisdiction
{
    /// <summary>Quebec: Act respecting the protection of personal information in the private sector (P-39.1, Law 25).</summary>
    Quebec,
    /// <summary>Canada: PIPEDA.</summary>
    Pipeda,
    /// <summary>European Union: GDPR (France: CNIL).</summary>
    Gdpr,
    /// <summary>California: CCPA/CPRA (11 CCR 7021).</summary>
    Ccpa,
}

public static class JurisdictionCodes
{
    /// <summary>The codes of the request API: CA-QC, CA, EU, US-CA.</summary>
    public static string Code(this Jurisdiction j) => j switch
    {
        Jurisdiction.Quebec => "CA-QC",
        Jurisdiction.Pipeda => "CA",
        Jurisdiction.Gdpr => "EU",
        Jurisdiction.Ccpa => "US-CA",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    public static Jurisdiction? Parse(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "CA-QC" => Jurisdiction.Quebec,
        "CA" => Jurisdiction.Pipeda,
        "EU" => Jurisdiction.Gdpr,
        "US-CA" => Jurisdiction.Ccpa,
        _ => null,
    };

    private static readonly HashSet<string> EuCountries =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];

    /// <summary>The regime that follows from where the merchant is, when a request does not name one.</summary>
    public static Jurisdiction ForLocation(string country, string? province) => (country.ToUpperInvariant(), province?.ToUpperInvariant()) switch
    {
        ("CA", "QC") => Jurisdiction.Quebec,
        ("CA", _) => Jurisdiction.Pipeda,
        ("US", _) => Jurisdiction.Ccpa, // the strictest common US timeline; other states' laws are not modelled
        var (c, _) when EuCountries.Contains(c) => Jurisdiction.Gdpr,
        _ => Jurisdiction.Pipeda,
    };

    /// <summary>The holiday calendar of the merchant's business days.</summary>
    public static CalendarRegion CalendarFor(string country, string? province) => (country.ToUpperInvariant(), province?.ToUpperInvariant()) switch
    {
        ("CA", "QC") => CalendarRegion.Quebec,
        ("CA", _) => CalendarRegion.CanadaFederal,
        ("US", "CA") => CalendarRegion.California,
        ("US", _) => CalendarRegion.UnitedStatesFederal,
        _ => CalendarRegion.France,
    };

    /// <summary>The merchant's time zone, which decides on which date a request was received.</summary>
    /// <summary>The calendar date at <paramref name="now"/> where the merchant is (letters and notices are dated locally).</summary>
    public static DateOnly LocalDate(DateTimeOffset now, string country, string? province) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneFor(country, province)).DateTime);

    public static TimeZoneInfo TimeZoneFor(string country, string? province)
    {
        var id = (country.ToUpperInvariant(), province?.ToUpperInvariant()) switch
        {
            ("CA", "BC") => "America/Vancouver",
            ("CA", "AB") => "America/Edmonton",
            ("CA", "SK") => "America/Regina",
            ("CA", "MB") => "America/Winnipeg",
            ("CA", "NS" or "NB" or "PE") => "America/Halifax",
            ("CA", "NL") => "America/St_Johns",
            ("CA", _) => "America/Toronto",
            ("US", "AZ") => "America/Phoenix",
            ("US", "CA" or "WA" or "OR" or "NV") => "America/Los_Angeles",
            ("US", "TX" or "IL" or "MN") => "America/Chicago",
            ("US", "CO" or "UT") => "America/Denver",
            ("US", _) => "America/New_York",
            ("FR", _) => "Europe/Paris",
            _ => "UTC",
        };
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }
}
