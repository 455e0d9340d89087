using System.Globalization;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Documents;

/// <summary>The strings, dates and amounts of one document, in the person's language (not the staff member's).</summary>
public sealed class DocText(UiText text, string language)
{
    public string Language { get; } = language == "fr" ? "fr" : "en";
    public CultureInfo Culture => Language == "fr" ? CultureInfo.GetCultureInfo("fr-CA") : CultureInfo.GetCultureInfo("en-CA");
    public string this[string key] => text.Get(key, Language);
    public string F(string key, params object?[] args) => string.Format(Culture, text.Get(key, Language), args);

    /// <summary>"1er décembre 2026", "2 décembre 2026", "December 1, 2026": the first of the month is written as French writes it.</summary>
    public string Date(DateOnly d) =>
        Language == "fr" ? (d.Day == 1 ? "1er " + d.ToString("MMMM yyyy", Culture) : d.ToString("d MMMM yyyy", Culture)) : d.ToString("MMMM d, yyyy", Culture);
    public string Date(DateTimeOffset d) => Date(DateOnly.FromDateTime(d.UtcDateTime));
    public string DateTime(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    public string Money(decimal amount, string currency) => amount.ToString("N2", Culture) + " " + currency;

    /// <summary>"Page {0} of {1}" in the document's language.</summary>
    public string PageFormat => this["Doc.PageFormat"];
}
