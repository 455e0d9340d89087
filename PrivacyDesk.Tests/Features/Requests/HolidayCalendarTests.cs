using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Tests.Features.Requests;

public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_is_computed_for_any_year(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), HolidayCalendar.Easter(year));

    [Theory]
    // Easter-based
    [InlineData(CalendarRegion.CanadaFederal, "2026-04-03", "Good Friday")]
    [InlineData(CalendarRegion.Quebec, "2027-03-29", "Easter Monday")]
    [InlineData(CalendarRegion.France, "2026-05-14", "Ascension Day")]
    [InlineData(CalendarRegion.France, "2026-05-25", "Whit Monday")]
    // "Monday before 25 May": when 25 May is itself a Monday, the holiday is the 18th
    [InlineData(CalendarRegion.CanadaFederal, "2026-05-18", "Victoria Day")]
    [InlineData(CalendarRegion.Quebec, "2027-05-24", "National Patriots' Day")]
    // nth and last weekdays
    [InlineData(CalendarRegion.CanadaFederal, "2026-10-12", "Thanksgiving")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2026-11-26", "Thanksgiving Day")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2027-05-31", "Memorial Day")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2027-01-18", "Martin Luther King Jr. Day")]
    // observed days
    [InlineData(CalendarRegion.Quebec, "2029-06-25", "Fête nationale du Québec (observed)")]
    [InlineData(CalendarRegion.CanadaFederal, "2027-12-27", "Christmas Day (observed)")]
    [InlineData(CalendarRegion.CanadaFederal, "2027-12-28", "Boxing Day (observed)")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2021-12-31", "New Year's Day (observed)")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2027-06-18", "Juneteenth (observed)")]
    [InlineData(CalendarRegion.UnitedStatesFederal, "2027-07-05", "Independence Day (observed)")]
    [InlineData(CalendarRegion.CanadaFederal, "2026-09-30", "National Day for Truth and Reconciliation")]
    public void Holidays_fall_on_the_right_dates(CalendarRegion region, string date, string name)
    {
        var holiday = HolidayCalendar.For(region).HolidayOn(DateOnly.Parse(date));
        Assert.NotNull(holiday);
        Assert.Equal(name, holiday.NameEn);
    }

    [Theory]
    [InlineData(CalendarRegion.Quebec, "2025-12-26")]          // Boxing Day (a Friday) is not a Quebec statutory holiday
    [InlineData(CalendarRegion.Quebec, "2026-11-11")]          // nor Remembrance Day
    [InlineData(CalendarRegion.France, "2026-04-03")]          // Good Friday is not a French holiday
    [InlineData(CalendarRegion.UnitedStatesFederal, "2026-07-01")]
    [InlineData(CalendarRegion.CanadaFederal, "2020-09-30")]   // Truth and Reconciliation day began in 2021
    public void Days_that_are_not_holidays_there_are_business_days(CalendarRegion region, string date) =>
        Assert.True(HolidayCalendar.For(region).IsBusinessDay(DateOnly.Parse(date)));

    [Fact]
    public void Every_calendar_has_its_expected_number_of_holidays()
    {
        // 2026: Boxing Day is a Saturday, a holiday on its own date and on Monday 28 (observed).
        Assert.Equal(12, HolidayCalendar.CanadaFederal.HolidaysIn(2026).Count);
        Assert.True(HolidayCalendar.CanadaFederal.HolidayOn(new DateOnly(2026, 12, 26)) is not null);
        Assert.True(HolidayCalendar.CanadaFederal.HolidayOn(new DateOnly(2026, 12, 28)) is not null);
        // Gov. Code 6700: ten fixed or nth-weekday days of its own plus the four dated ones (4 July 2026 a Saturday: no substitute).
        Assert.Equal(14, HolidayCalendar.California.HolidaysIn(2026).Count);
        Assert.Equal(9, HolidayCalendar.Quebec.HolidaysIn(2026).Count);
        Assert.Equal(11, HolidayCalendar.France.HolidaysIn(2026).Count);
        Assert.Equal(11, HolidayCalendar.UnitedStatesFederal.HolidaysIn(2026).Count);
    }
}
