using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Tests.Features.Requests;

public sealed class DeadlineCalculatorTests
{
    private static DeadlineSet Compute(Jurisdiction j, string receivedUtc, string country, string? province, int ackDays = 2) =>
        DeadlineCalculator.Compute(new DeadlineInput(j, DateTimeOffset.Parse(receivedUtc),
            JurisdictionCodes.TimeZoneFor(country, province), JurisdictionCodes.CalendarFor(country, province), ackDays));

    public static TheoryData<Jurisdiction, string, string, string?, string, string?> LegalDueCases => new()
    {
        // Quebec: 30 days, no extension; Sundays and Quebec holidays roll forward, Saturdays do not.
        { Jurisdiction.Quebec, "2027-06-23T15:00:00Z", "CA", "QC", "2027-07-23", null },
        { Jurisdiction.Quebec, "2027-01-08T15:00:00Z", "CA", "QC", "2027-02-08", null },   // lands on Sunday 7 Feb
        { Jurisdiction.Quebec, "2027-01-07T15:00:00Z", "CA", "QC", "2027-02-06", null },   // Saturday stays
        { Jurisdiction.Quebec, "2027-08-07T15:00:00Z", "CA", "QC", "2027-09-07", null },   // Labour Day 6 Sep
        { Jurisdiction.Quebec, "2028-02-10T15:00:00Z", "CA", "QC", "2028-03-11", null },   // leap year: 29 Feb counts
        { Jurisdiction.Quebec, "2027-02-10T15:00:00Z", "CA", "QC", "2027-03-12", null },
        { Jurisdiction.Quebec, "2027-03-01T03:30:00Z", "CA", "QC", "2027-03-30", null },   // 22:30 on 28 Feb in Montreal
        // PIPEDA: 30 days (+30), across a year end.
        { Jurisdiction.Pipeda, "2026-12-01T15:00:00Z", "CA", "ON", "2026-12-31", "2027-01-30" },
        // GDPR: a calendar month (+2); 31 Jan + 1 month = end of February; weekends and French holidays roll forward.
        { Jurisdiction.Gdpr, "2028-01-31T10:00:00Z", "FR", null, "2028-02-29", "2028-05-02" },   // leap year; +3 months = Sun 30 Apr, Mon 1 May is a holiday
        { Jurisdiction.Gdpr, "2027-01-31T10:00:00Z", "FR", null, "2027-03-01", "2027-04-30" },   // 28 Feb 2027 is a Sunday
        { Jurisdiction.Gdpr, "2026-12-15T09:00:00Z", "FR", null, "2027-01-15", "2027-03-15" },
        { Jurisdiction.Gdpr, "2026-11-30T09:00:00Z", "FR", null, "2026-12-30", "2027-03-01" },   // 28 Feb 2027 Sunday -> 1 Mar
        { Jurisdiction.Gdpr, "2026-04-14T09:00:00Z", "FR", null, "2026-05-15", "2026-07-15" },   // 14 May 2026 is Ascension
        // PIPEDA, hand-worked: a holiday on a weekend is a holiday on its own date and on its observed Monday.
        // +30 = Sat 1 Jan 2028 (New Year's Day) -> Sun 2 -> Mon 3 (observed) -> Tue 4 Jan.
        { Jurisdiction.Pipeda, "2027-12-02T15:00:00Z", "CA", "ON", "2028-01-04", "2028-01-31" },
        // +30 = Sat 25 Dec 2027 (Christmas) -> Sun 26 (Boxing Day) -> Mon 27, Tue 28 (both observed) -> Wed 29 Dec.
        { Jurisdiction.Pipeda, "2027-11-25T15:00:00Z", "CA", "ON", "2027-12-29", "2028-01-24" },
        // CCPA: 45 calendar days (+45); Saturday 7 Aug rolls to Monday.
        { Jurisdiction.Ccpa, "2027-06-23T15:00:00Z", "US", "CA", "2027-08-09", "2027-09-21" },
        // CCPA with California's holidays: +45 = Fri 26 Nov 2027, the day after Thanksgiving (a state holiday, not a federal one) -> Mon 29.
        { Jurisdiction.Ccpa, "2027-10-12T18:00:00Z", "US", "CA", "2027-11-29", "2028-01-10" },
        // Cesar Chavez Day, Wed 31 Mar 2027: +45 from 14 Feb lands on it -> Thu 1 Apr.
        { Jurisdiction.Ccpa, "2027-02-14T18:00:00Z", "US", "CA", "2027-04-01", "2027-05-17" },  // +90 = Sat 15 May -> Mon 17
    };

    [Fact]
    public void A_ccpa_opt_out_of_sale_is_due_in_15_california_business_days_without_extension()
    {
        // Mon 15 Nov 2027 in Los Angeles; Thanksgiving (25) and the day after (26) are skipped: the 15th business day is Wed 8 Dec.
        var result = DeadlineCalculator.Compute(new DeadlineInput(Jurisdiction.Ccpa, DateTimeOffset.Parse("2027-11-15T18:00:00Z"),
            JurisdictionCodes.TimeZoneFor("US", "CA"), JurisdictionCodes.CalendarFor("US", "CA"), OptOutOfSaleOrSharing: true));
        Assert.Equal(new DateOnly(2027, 12, 8), result.LegalDue);
        Assert.Null(result.ExtendedDueIfExtended);
        Assert.Null(result.ReceiptConfirmationDue);
        Assert.Contains(result.Explanation, s => s.Code == "HolidaySkipped" && (DateOnly)s.Args[0] == new DateOnly(2027, 11, 26));
        // The same request as an access request keeps the 45-day clock.
        Assert.Equal(new DateOnly(2027, 12, 30), Compute(Jurisdiction.Ccpa, "2027-11-15T18:00:00Z", "US", "CA").LegalDue);
    }

    [Theory]
    [MemberData(nameof(LegalDueCases))]
    public void Legal_due_dates_follow_each_regime(Jurisdiction j, string received, string country, string? province, string legalDue, string? extendedDue)
    {
        var result = Compute(j, received, country, province);
        Assert.Equal(DateOnly.Parse(legalDue), result.LegalDue);
        Assert.Equal(extendedDue is null ? null : DateOnly.Parse(extendedDue), result.ExtendedDueIfExtended);
    }

    [Theory]
    // Quebec: Wednesday 23 June 2027; 24 June (Fête nationale) is skipped: Fri 25, Mon 28.
    [InlineData(Jurisdiction.Quebec, "2027-06-23T15:00:00Z", "CA", "QC", "2027-06-28")]
    // Federal calendar: Christmas (Fri) and Boxing Day observed on Monday 28 are skipped.
    [InlineData(Jurisdiction.Pipeda, "2026-12-24T15:00:00Z", "CA", "ON", "2026-12-30")]
    // Across a year end in France: 31 Dec 2026 (Thu), 1 Jan holiday, Fri 2 Jan... 2027: 1 Jan is a Friday.
    [InlineData(Jurisdiction.Gdpr, "2026-12-31T09:00:00Z", "FR", null, "2027-01-05")]
    public void Acknowledgement_is_due_after_two_business_days(Jurisdiction j, string received, string country, string? province, string ackDue) =>
        Assert.Equal(DateOnly.Parse(ackDue), Compute(j, received, country, province).AcknowledgementDue);

    [Fact]
    public void Ccpa_receipt_must_be_confirmed_within_ten_business_days()
    {
        // 24, 25, 28, 29, 30 June, 1, 2 July, (5 July: Independence Day observed), 6, 7, 8 July.
        var result = Compute(Jurisdiction.Ccpa, "2027-06-23T15:00:00Z", "US", "CA");
        Assert.Equal(new DateOnly(2027, 7, 8), result.ReceiptConfirmationDue);
        Assert.Null(Compute(Jurisdiction.Gdpr, "2027-06-23T15:00:00Z", "FR", null).ReceiptConfirmationDue);
    }

    [Fact]
    public void Acknowledgement_days_are_configurable_per_merchant() =>
        Assert.Equal(new DateOnly(2027, 6, 25), Compute(Jurisdiction.Quebec, "2027-06-23T15:00:00Z", "CA", "QC", ackDays: 1).AcknowledgementDue);

    [Fact]
    public void The_explanation_names_the_rule_the_start_date_the_holidays_and_the_roll_forward()
    {
        var result = Compute(Jurisdiction.Quebec, "2027-08-07T15:00:00Z", "CA", "QC");
        var codes = result.Explanation.Select(s => s.Code).ToList();
        Assert.Contains("ReceivedOn", codes);
        Assert.Contains("Rule", codes);
        Assert.Contains("AddDays", codes);
        Assert.Contains("NoExtension", codes);
        var roll = result.Explanation.Single(s => s.Code == "RolledForward");
        Assert.Equal(new DateOnly(2027, 9, 6), roll.Args[0]);
        Assert.Equal("Labour Day", roll.Args[2]);

        var withHoliday = Compute(Jurisdiction.Quebec, "2027-06-23T15:00:00Z", "CA", "QC");
        Assert.Contains(withHoliday.Explanation, s => s.Code == "HolidaySkipped" && (string)s.Args[1] == "Fête nationale du Québec");
    }

    [Fact]
    public void Quebec_requests_cannot_be_extended()
    {
        var result = Compute(Jurisdiction.Quebec, "2027-06-23T15:00:00Z", "CA", "QC");
        Assert.False(result.CanExtend);
    }
}
