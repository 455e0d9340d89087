namespace PrivacyDesk.Features.Requests.Deadlines;

/// <summary>What the calculator needs to know about a request and its merchant.</summary>
public sealed record DeadlineInput(
    Jurisdiction Jurisdiction,
    DateTimeOffset ReceivedAt,
    TimeZoneInfo TimeZone,
    CalendarRegion BusinessCalendar,
    int AcknowledgementBusinessDays = 2,
    bool OptOutOfSaleOrSharing = false);

/// <summary>One step of the reasoning behind a deadline, rendered in the reader's language by the UI.</summary>
public sealed record DeadlineStep(string Code, params object[] Args);

public sealed record DeadlineSet(
    DateOnly ReceivedOn,
    DateOnly AcknowledgementDue,
    DateOnly? ReceiptConfirmationDue,
    DateOnly LegalDue,
    DateOnly? ExtendedDueIfExtended,
    IReadOnlyList<DeadlineStep> Explanation)
{
    public bool CanExtend => ExtendedDueIfExtended is not null;
}

/// <summary>
/// The legal clocks of a request. Pure: same input, same dates, and every date explained.
/// See shared DOMAIN.md for the rules; sources are cited on each regime below.
/// </summary>
public static class DeadlineCalculator
{
    public static DeadlineSet Compute(DeadlineInput input)
    {
        var steps = new List<DeadlineStep>();
        var receivedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(input.ReceivedAt, input.TimeZone).DateTime);
        steps.Add(new("ReceivedOn", receivedOn, input.TimeZone.Id));

        var business = HolidayCalendar.For(input.BusinessCalendar);
        var ack = AddBusinessDays(receivedOn, input.AcknowledgementBusinessDays, business, steps, "Acknowledgement");

        if (input.Jurisdiction == Jurisdiction.Ccpa && input.OptOutOfSaleOrSharing)
        {
            // 11 CCR 7026(f): a request to opt out of sale or sharing is complied with as soon as feasibly possible,
            // and no later than 15 business days from receipt; no extension and no receipt confirmation.
            steps.Add(new("RuleCcpaOptOut"));
            var optOut = AddBusinessDays(receivedOn, 15, HolidayCalendar.California, steps, "OptOut");
            steps.Add(new("NoExtension"));
            return new DeadlineSet(receivedOn, ack, null, optOut, null, steps);
        }

        DateOnly? receiptConfirmation = null;
        if (input.Jurisdiction == Jurisdiction.Ccpa)
            receiptConfirmation = AddBusinessDays(receivedOn, 10, HolidayCalendar.California, steps, "ReceiptConfirmation");

        var regime = Regime.For(input.Jurisdiction);
        steps.Add(new("Rule", input.Jurisdiction.Code()));
        var legal = regime.Period(receivedOn, steps, extended: false);
        legal = RollForward(legal, regime, steps);

        DateOnly? extended = null;
        if (regime.CanExtend)
        {
            var extensionSteps = new List<DeadlineStep>();
            extended = RollForward(regime.Period(receivedOn, extensionSteps, extended: true), regime, extensionSteps);
            steps.Add(new("ExtensionPossible", extended.Value));
        }
        else
        {
            steps.Add(new("NoExtension"));
        }

        return new DeadlineSet(receivedOn, ack, receiptConfirmation, legal, extended, steps);
    }

    /// <summary>Adds business days: the day of receipt does not count, weekends and holidays are skipped.</summary>
    public static DateOnly AddBusinessDays(DateOnly start, int days, HolidayCalendar calendar, List<DeadlineStep>? steps = null, string? purpose = null)
    {
        var date = start;
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (calendar.IsBusinessDay(date)) { counted++; continue; }
            if (calendar.HolidayOn(date) is { } holiday) steps?.Add(new("HolidaySkipped", holiday.Date, holiday.NameEn, holiday.NameFr));
        }
        steps?.Add(new($"{purpose ?? "Business"}Due", days, date));
        return date;
    }

    private static DateOnly RollForward(DateOnly due, Regime regime, List<DeadlineStep> steps)
    {
        var rolled = due;
        while (regime.IsNonDay(rolled)) rolled = rolled.AddDays(1);
        if (rolled != due)
        {
            var holiday = regime.Calendar.HolidayOn(due);
            steps.Add(new("RolledForward", due, rolled, holiday?.NameEn ?? due.DayOfWeek.ToString(), holiday?.NameFr ?? ""));
        }
        return rolled;
    }

    private sealed record Regime(
        Jurisdiction Jurisdiction,
        HolidayCalendar Calendar,
        bool SaturdayIsNonDay,
        bool CanExtend,
        Func<DateOnly, List<DeadlineStep>, bool, DateOnly> PeriodRule)
    {
        public DateOnly Period(DateOnly receivedOn, List<DeadlineStep> steps, bool extended) => PeriodRule(receivedOn, steps, extended);

        /// <summary>A day on which a deadline cannot expire under the regime's interpretation rules.</summary>
        public bool IsNonDay(DateOnly d) =>
            d.DayOfWeek == DayOfWeek.Sunday || (SaturdayIsNonDay && d.DayOfWeek == DayOfWeek.Saturday) || Calendar.HolidayOn(d) is not null;

        public static Regime For(Jurisdiction j) => j switch
        {
            // P-39.1 s. 32: within 30 days, no extension. Quebec Interpretation Act s. 52 and 61:
            // a deadline falling on a holiday (Sundays included, Saturdays not) moves to the next day.
            Jurisdiction.Quebec => new(j, HolidayCalendar.Quebec, SaturdayIsNonDay: false, CanExtend: false, Days(30, 0)),
            // PIPEDA s. 8(3)-(4): 30 days, extendable by up to 30. Interpretation Act s. 26 and 35 (federal holidays, Sundays).
            Jurisdiction.Pipeda => new(j, HolidayCalendar.CanadaFederal, SaturdayIsNonDay: false, CanExtend: true, Days(30, 30)),
            // GDPR art. 12(3): one month, "extended by two further months" (12(3)): the extended deadline is three
            // months from receipt, computed by Regulation 1182/71 art. 3 like the first: a month ends on the same
            // date (or the month's last day); a period ending on a Saturday, Sunday or holiday ends on the next working day.
            Jurisdiction.Gdpr => new(j, HolidayCalendar.France, SaturdayIsNonDay: true, CanExtend: true, Months(1, 2)),
            // 11 CCR 7021(b): 45 calendar days, extendable by 45. Cal. Civ. Code 10-12a: a deadline on a
            // Saturday, Sunday or California holiday (Gov. Code 6700) moves to the next day.
            Jurisdiction.Ccpa => new(j, HolidayCalendar.California, SaturdayIsNonDay: true, CanExtend: true, Days(45, 45)),
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };

        private static Func<DateOnly, List<DeadlineStep>, bool, DateOnly> Days(int days, int extension) => (received, steps, extended) =>
        {
            var total = days + (extended ? extension : 0);
            var due = received.AddDays(total);
            steps.Add(new("AddDays", total, due));
            return due;
        };

        private static Func<DateOnly, List<DeadlineStep>, bool, DateOnly> Months(int months, int extension) => (received, steps, extended) =>
        {
            var total = months + (extended ? extension : 0);
            // DateOnly.AddMonths clamps to the month's last day: 31 January + 1 month = 28/29 February.
            var due = received.AddMonths(total);
            steps.Add(new(due.Day != received.Day ? "AddMonthsClamped" : "AddMonths", total, due));
            return due;
        };
    }
}
