using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Tests.Features.Documents;

/// <summary>Dates and times as a document prints them: the merchant's calendar day and wall clock, French as French writes it.</summary>
public sealed class DocTextTests
{
    private static readonly UiText Text = new();

    [Fact]
    public void A_late_evening_in_montreal_is_that_day_not_utcs_next_one()
    {
        var t = new DocText(Text, "fr", JurisdictionCodes.TimeZoneFor("CA", "QC"));
        var at = new DateTimeOffset(2026, 12, 2, 3, 30, 0, TimeSpan.Zero); // 22:30 on 1 December in Montreal
        Assert.Equal("1er décembre 2026", t.Date(at));
        Assert.Equal("1er décembre 2026 à 22 h 30 (UTC−05:00)", t.DateTime(at));
        Assert.Equal("2 décembre 2026", new DocText(Text, "fr").Date(at)); // without a zone: UTC, as before
    }

    [Fact]
    public void Paris_in_summer_and_english_dates()
    {
        var t = new DocText(Text, "en", JurisdictionCodes.TimeZoneFor("FR", null));
        var at = new DateTimeOffset(2026, 7, 14, 22, 15, 0, TimeSpan.Zero);
        Assert.Equal("July 15, 2026", t.Date(at));
        Assert.Equal("July 15, 2026, 12:15 a.m. (UTC+02:00)", t.DateTime(at));
    }
}
