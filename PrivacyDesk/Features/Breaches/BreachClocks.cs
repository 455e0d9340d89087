using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Breaches;

/// <summary>A deadline, when it falls in the merchant's own time zone, and how it stands now.</summary>
public sealed record BreachClock(string NameKey, DateTimeOffset Due, DateTimeOffset DueLocal, TimeSpan Remaining)
{
    public bool Late => Remaining < TimeSpan.Zero;
}

/// <summary>
/// The breach clocks. GDPR's 72 hours are elapsed hours from awareness (so across a daylight-saving
/// change the local clock shows one hour more or less); Arizona's 45 days are calendar days; the
/// "as soon as feasible" / "promptly" of PIPEDA and Quebec get the merchant's own target.
/// </summary>
public static class BreachClocks
{
    public static DateTimeOffset GdprDeadline(DateTimeOffset awareAt) => awareAt.ToUniversalTime().AddHours(72);

    public static DateTimeOffset ArizonaDeadline(DateTimeOffset awareAt, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(awareAt, zone);
        var dueDate = DateOnly.FromDateTime(local.DateTime).AddDays(45);
        // End of that day, local time.
        var end = dueDate.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    public static IReadOnlyList<BreachClock> For(Incident incident, IReadOnlyList<BreachRegime> regimes, string country, string? province, int targetHours, DateTimeOffset now)
    {
        var zone = JurisdictionCodes.TimeZoneFor(country, province);
        var clocks = new List<BreachClock>();
        void Add(string key, DateTimeOffset due) => clocks.Add(new BreachClock(key, due, TimeZoneInfo.ConvertTime(due, zone), due - now));
        if (regimes.Contains(BreachRegime.Gdpr)) Add("Clock.Gdpr72", GdprDeadline(incident.AwareAt));
        if (regimes.Contains(BreachRegime.Arizona)) Add("Clock.Arizona45", ArizonaDeadline(incident.AwareAt, zone));
        if (regimes.Contains(BreachRegime.Pipeda) || regimes.Contains(BreachRegime.Quebec)) Add("Clock.Prompt", incident.AwareAt.AddHours(targetHours));
        return clocks;
    }
}
