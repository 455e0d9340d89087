using System.Globalization;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Documents;

/// <summary>
/// The strings, dates and amounts of one document, in the person's language (not the staff member's),
/// and its times in the merchant's time zone (a date is the merchant's calendar day, not UTC's).
/// </summary>
/// <param name="regime">The law the document answers under: a string may have a wording of its own for it
/// ("Doc.PrivacyOfficer.Gdpr": "Délégué(e) à la protection des données"; France says "données personnelles"
/// where Quebec says "renseignements personnels").</param>
public sealed class DocText(UiText text, string language, TimeZoneInfo? zone = null, Requests.Deadlines.Jurisdiction? regime = null, string? country = null)
{
    private readonly TimeZoneInfo _zone = zone ?? TimeZoneInfo.Utc;

    /// <summary>For a document of this merchant: its language, its time zone, and the regime's own wording.</summary>
    public static DocText For(UiText text, string language, Admin.Merchants.Merchant merchant, Requests.Deadlines.Jurisdiction? regime = null) =>
        new(text, language, Requests.Deadlines.JurisdictionCodes.TimeZoneFor(merchant.Country, merchant.Province),
            regime ?? Requests.Deadlines.JurisdictionCodes.ForLocation(merchant.Country, merchant.Province), merchant.Country);

    public string Language { get; } = language == "fr" ? "fr" : "en";
    /// <summary>The document's language tag for a screen reader and a PDF's /Lang: "fr-FR" for a French shop, "fr-CA" in Canada, "en-US" in the States.</summary>
    public string LanguageTag => (Language, country) switch
    {
        ("fr", "FR") => "fr-FR",
        ("fr", _) => "fr-CA",
        ("en", "US") => "en-US",
        ("en", "FR") => "en",
        _ => "en-CA",
    };

    public CultureInfo Culture => Language == "fr" ? CultureInfo.GetCultureInfo("fr-CA") : CultureInfo.GetCultureInfo("en-CA");
    public string this[string key] => text.Get(Variant(key), Language);
    public string F(string key, params object?[] args) => string.Format(Culture, text.Get(Variant(key), Language), args);

    /// <summary>The count's singular or plural form of <paramref name="key"/> (".One"/".Other"), formatted.</summary>
    public string P(string key, int count, params object?[] args) =>
        string.Format(Culture, this[key + (IsOne(count) ? ".One" : ".Other")], args.Length == 0 ? [count] : args);

    private bool IsOne(int count) => Language == "fr" ? count <= 1 : count == 1;

    private string Variant(string key) => regime is { } r && text.Has($"{key}.{r}", Language) ? $"{key}.{r}" : key;

    /// <summary>"1er décembre 2026", "2 décembre 2026", "December 1, 2026": the first of the month is written as French writes it.</summary>
    public string Date(DateOnly d) =>
        Language == "fr" ? (d.Day == 1 ? "1er " + d.ToString("MMMM yyyy", Culture) : d.ToString("d MMMM yyyy", Culture)) : d.ToString("MMMM d, yyyy", Culture);
    public string Date(DateTimeOffset d) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d, _zone).DateTime));

    /// <summary>
    /// "1er décembre 2026 à 22 h 30 (UTC−05:00)", "July 15, 2026, 12:15 a.m. (UTC+02:00)": the merchant's wall clock in
    /// words, with its offset so that nobody has to guess the zone.
    /// </summary>
    public string DateTime(DateTimeOffset d)
    {
        var local = TimeZoneInfo.ConvertTime(d, _zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var hours = offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        var day = Date(DateOnly.FromDateTime(local.DateTime));
        var time = Language == "fr" ? local.ToString("H' h 'mm", Culture) : local.ToString("h:mm tt", Culture);
        return (Language == "fr" ? $"{day} à {time}" : $"{day}, {time}") + $" (UTC{sign}{hours})";
    }
    public string Money(decimal amount, string currency) => amount.ToString("N2", Culture) + " " + currency;

    /// <summary>"Page {0} of {1}" in the document's language.</summary>
    public string PageFormat => this["Doc.PageFormat"];
}
