namespace PrivacyDesk.Features.Requests.Deadlines;

/// <summary>A public holiday with its name in English and French.</summary>
public sealed record Holiday(DateOnly Date, string NameEn, string NameFr);

/// <summary>Which holiday calendar applies: business days follow the merchant's country and province.</summary>
public enum CalendarRegion
{
    CanadaFederal,
    Quebec,
    France,
    UnitedStatesFederal,
    California,
}

/// <summary>
/// Public holidays computed in code (no data files to keep up to date), including the Easter-based
/// and "nth Monday" ones, with the observed-day rules for holidays that fall on a weekend.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly Func<int, IEnumerable<Holiday>> _rules;
    private readonly Dictionary<int, Dictionary<DateOnly, Holiday>> _byYear = [];
    private readonly Lock _lock = new();

    private HolidayCalendar(CalendarRegion region, Func<int, IEnumerable<Holiday>> rules)
    {
        Region = region;
        _rules = rules;
    }

    public CalendarRegion Region { get; }

    public static HolidayCalendar For(CalendarRegion region) => region switch
    {
        CalendarRegion.CanadaFederal => CanadaFederal,
        CalendarRegion.Quebec => Quebec,
        CalendarRegion.France => France,
        CalendarRegion.UnitedStatesFederal => UnitedStatesFederal,
        CalendarRegion.California => California,
        _ => throw new ArgumentOutOfRangeException(nameof(region)),
    };

    public IReadOnlyCollection<Holiday> HolidaysIn(int year) => YearTable(year).Values;

    public Holiday? HolidayOn(DateOnly date) => YearTable(date.Year).GetValueOrDefault(date);

    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayOn(date) is null;

    private Dictionary<DateOnly, Holiday> YearTable(int year)
    {
        lock (_lock)
        {
            if (!_byYear.TryGetValue(year, out var table))
            {
                // Observed days can spill into the neighbouring year (US: New Year's Day on a Saturday
                // is observed on Friday 31 December), so each year's table draws on its neighbours.
                table = new[] { year - 1, year, year + 1 }.SelectMany(_rules)
                    .Where(h => h.Date.Year == year)
                    .GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
                _byYear[year] = table;
            }
            return table;
        }
    }

    // ---- Calendars -------------------------------------------------------------------------

    /// <summary>
    /// Federal statutory holidays (Canada Labour Code, Interpretation Act s. 35). A holiday on a
    /// weekend is a holiday on its own date (s. 35 names the day itself, so a deadline cannot expire on
    /// 1 January even when it is a Saturday) and on the weekday it is observed (employers' rest day).
    /// </summary>
    public static HolidayCalendar CanadaFederal { get; } = new(CalendarRegion.CanadaFederal, year =>
    {
        var easter = Easter(year);
        var list = new List<Holiday>
        {
            new(easter.AddDays(-2), "Good Friday", "Vendredi saint"),
            new(easter.AddDays(1), "Easter Monday", "Lundi de Pâques"),
            new(MondayBefore(new DateOnly(year, 5, 25)), "Victoria Day", "Fête de la Reine"),
            new(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labour Day", "Fête du Travail"),
            new(NthWeekday(year, 10, DayOfWeek.Monday, 2), "Thanksgiving", "Action de grâce"),
        };
        list.AddRange(DayAndObservedMonday(new DateOnly(year, 1, 1), "New Year's Day", "Jour de l'An"));
        list.AddRange(DayAndObservedMonday(new DateOnly(year, 7, 1), "Canada Day", "Fête du Canada"));
        list.AddRange(DayAndObservedMonday(new DateOnly(year, 11, 11), "Remembrance Day", "Jour du Souvenir"));
        if (year >= 2021)
            list.AddRange(DayAndObservedMonday(new DateOnly(year, 9, 30), "National Day for Truth and Reconciliation", "Journée nationale de la vérité et de la réconciliation"));
        list.AddRange(ChristmasAndBoxingDay(year));
        return list;
    });

    /// <summary>Quebec statutory holidays (Act respecting labour standards; National Holiday Act).</summary>
    public static HolidayCalendar Quebec { get; } = new(CalendarRegion.Quebec, year =>
    {
        var easter = Easter(year);
        return
        [
            new(new DateOnly(year, 1, 1), "New Year's Day", "Jour de l'An"),
            new(easter.AddDays(-2), "Good Friday", "Vendredi saint"),
            new(easter.AddDays(1), "Easter Monday", "Lundi de Pâques"),
            new(MondayBefore(new DateOnly(year, 5, 25)), "National Patriots' Day", "Journée nationale des patriotes"),
            // When 24 June or 1 July falls on a Sunday, the holiday moves to Monday.
            SundayToMonday(new DateOnly(year, 6, 24), "Fête nationale du Québec", "Fête nationale du Québec"),
            SundayToMonday(new DateOnly(year, 7, 1), "Canada Day", "Fête du Canada"),
            new(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labour Day", "Fête du Travail"),
            new(NthWeekday(year, 10, DayOfWeek.Monday, 2), "Thanksgiving", "Action de grâce"),
            new(new DateOnly(year, 12, 25), "Christmas Day", "Noël"),
        ];
    });

    /// <summary>French public holidays (Code du travail L3133-1); no weekend substitution in France.</summary>
    public static HolidayCalendar France { get; } = new(CalendarRegion.France, year =>
    {
        var easter = Easter(year);
        return
        [
            new(new DateOnly(year, 1, 1), "New Year's Day", "Jour de l'An"),
            new(easter.AddDays(1), "Easter Monday", "Lundi de Pâques"),
            new(new DateOnly(year, 5, 1), "Labour Day", "Fête du Travail"),
            new(new DateOnly(year, 5, 8), "Victory in Europe Day", "Victoire 1945"),
            new(easter.AddDays(39), "Ascension Day", "Ascension"),
            new(easter.AddDays(50), "Whit Monday", "Lundi de Pentecôte"),
            new(new DateOnly(year, 7, 14), "Bastille Day", "Fête nationale"),
            new(new DateOnly(year, 8, 15), "Assumption", "Assomption"),
            new(new DateOnly(year, 11, 1), "All Saints' Day", "Toussaint"),
            new(new DateOnly(year, 11, 11), "Armistice Day", "Armistice 1918"),
            new(new DateOnly(year, 12, 25), "Christmas Day", "Noël"),
        ];
    });

    /// <summary>US federal holidays (5 U.S.C. 6103): Saturday ones observed Friday, Sunday ones Monday.</summary>
    public static HolidayCalendar UnitedStatesFederal { get; } = new(CalendarRegion.UnitedStatesFederal, year =>
    {
        var list = new List<Holiday>
        {
            FederalObserved(new DateOnly(year, 1, 1), "New Year's Day", "Jour de l'An"),
            new(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King Jr. Day", "Journée de Martin Luther King"),
            new(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday", "Anniversaire de Washington"),
            new(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day", "Jour du Souvenir (Memorial Day)"),
            FederalObserved(new DateOnly(year, 7, 4), "Independence Day", "Fête de l'Indépendance"),
            new(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day", "Fête du Travail"),
            new(NthWeekday(year, 10, DayOfWeek.Monday, 2), "Columbus Day", "Jour de Christophe Colomb"),
            FederalObserved(new DateOnly(year, 11, 11), "Veterans Day", "Jour des anciens combattants"),
            new(NthWeekday(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day", "Action de grâce"),
            FederalObserved(new DateOnly(year, 12, 25), "Christmas Day", "Noël"),
        };
        if (year >= 2021) list.Add(FederalObserved(new DateOnly(year, 6, 19), "Juneteenth", "Juneteenth"));
        return list;
    });

    /// <summary>
    /// California holidays (Gov. Code 6700), which Civ. Code 10-12a uses for the last day of a period:
    /// the CCPA's clocks count these, not the federal list (the day after Thanksgiving, Cesar Chavez Day,
    /// Native American Day, Lincoln Day are California's own). A 1 January, 4 July, 11 November or
    /// 25 December on a Sunday is also kept on the Monday; 11 November on a Saturday on the Friday (6700(b)).
    /// </summary>
    public static HolidayCalendar California { get; } = new(CalendarRegion.California, year =>
    {
        var thanksgiving = NthWeekday(year, 11, DayOfWeek.Thursday, 4);
        var list = new List<Holiday>
        {
            new(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King Jr. Day", "Journée de Martin Luther King"),
            new(new DateOnly(year, 2, 12), "Lincoln Day", "Anniversaire de Lincoln"),
            new(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington Day", "Anniversaire de Washington"),
            new(new DateOnly(year, 3, 31), "Cesar Chavez Day", "Journée de César Chávez"),
            new(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day", "Jour du Souvenir (Memorial Day)"),
            new(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day", "Fête du Travail"),
            new(NthWeekday(year, 9, DayOfWeek.Friday, 4), "Native American Day", "Journée des Autochtones d'Amérique"),
            new(NthWeekday(year, 10, DayOfWeek.Monday, 2), "Columbus Day", "Jour de Christophe Colomb"),
            new(thanksgiving, "Thanksgiving Day", "Action de grâce"),
            new(thanksgiving.AddDays(1), "Day after Thanksgiving", "Lendemain de l'Action de grâce"),
        };
        foreach (var (date, en, fr) in new[]
                 {
                     (new DateOnly(year, 1, 1), "New Year's Day", "Jour de l'An"), (new DateOnly(year, 7, 4), "Independence Day", "Fête de l'Indépendance"),
                     (new DateOnly(year, 11, 11), "Veterans Day", "Jour des anciens combattants"), (new DateOnly(year, 12, 25), "Christmas Day", "Noël"),
                 })
        {
            list.Add(new(date, en, fr));
            if (date.DayOfWeek == DayOfWeek.Sunday) list.Add(new(date.AddDays(1), en + " (observed)", fr + " (observé)"));
            if (date.DayOfWeek == DayOfWeek.Saturday && date.Month == 11) list.Add(new(date.AddDays(-1), en + " (observed)", fr + " (observé)"));
        }
        return list;
    });

    // ---- Date arithmetic -------------------------------------------------------------------

    /// <summary>Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    public static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }

    /// <summary>The Monday strictly before a date (Victoria Day / Patriots' Day: the Monday before 25 May).</summary>
    public static DateOnly MondayBefore(DateOnly date)
    {
        var back = ((int)date.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return date.AddDays(back == 0 ? -7 : -back);
    }

    /// <summary>The day itself, and the following Monday as well when it falls on a weekend.</summary>
    private static IEnumerable<Holiday> DayAndObservedMonday(DateOnly date, string en, string fr)
    {
        yield return new(date, en, fr);
        if (date.DayOfWeek == DayOfWeek.Saturday) yield return new(date.AddDays(2), en + " (observed)", fr + " (reporté)");
        if (date.DayOfWeek == DayOfWeek.Sunday) yield return new(date.AddDays(1), en + " (observed)", fr + " (reporté)");
    }

    private static Holiday SundayToMonday(DateOnly date, string en, string fr) =>
        date.DayOfWeek == DayOfWeek.Sunday ? new(date.AddDays(1), en + " (observed)", fr + " (reporté)") : new(date, en, fr);

    private static Holiday FederalObserved(DateOnly date, string en, string fr) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => new(date.AddDays(-1), en + " (observed)", fr + " (observé)"),
        DayOfWeek.Sunday => new(date.AddDays(1), en + " (observed)", fr + " (observé)"),
        _ => new(date, en, fr),
    };

    private static IEnumerable<Holiday> ChristmasAndBoxingDay(int year)
    {
        // Both observed on the following weekdays when they fall on a weekend.
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var (c, b) = christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => (christmas, boxing.AddDays(2)),            // Boxing Day Sat -> Mon 28
            DayOfWeek.Saturday => (christmas.AddDays(2), boxing.AddDays(2)), // Mon 27, Tue 28
            DayOfWeek.Sunday => (christmas.AddDays(1), boxing.AddDays(1)),   // Mon 26, Tue 27
            _ => (christmas, boxing),
        };
        // The days themselves stay holidays too (Interpretation Act s. 35 names Christmas Day).
        yield return new(christmas, "Christmas Day", "Noël");
        if (c != christmas) yield return new(c, "Christmas Day (observed)", "Noël (reporté)");
        yield return new(boxing, "Boxing Day", "Lendemain de Noël");
        if (b != boxing) yield return new(b, "Boxing Day (observed)", "Lendemain de Noël (reporté)");
    }
}
