using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Breaches;

/// <summary>
/// An incident's times as its merchant's staff lived them: typed and shown on the merchant's wall clock
/// (<see cref="JurisdictionCodes.TimeZoneFor"/>), stored as instants (UTC). Never the browser's or the server's zone.
/// </summary>
public static class IncidentTimes
{
    public static TimeZoneInfo ZoneOf(Admin.Merchants.Merchant merchant) => JurisdictionCodes.TimeZoneFor(merchant.Country, merchant.Province);

    /// <summary>The instant as the merchant's wall-clock time (a DateTime of kind Unspecified), or null.</summary>
    public static DateTime? ToLocal(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } d ? DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(d, zone).DateTime, DateTimeKind.Unspecified) : null;

    /// <summary>
    /// A wall-clock time of the merchant as an instant (offset zero), or null. A time that does not exist (the hour
    /// skipped when clocks go forward) is read as the same clock time an hour later, as a person would mean it;
    /// an ambiguous one (the hour repeated in the autumn) as the first of the two.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateTime? local, TimeZoneInfo zone)
    {
        if (local is not { } value) return null;
        var wall = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>A date picked and a time typed, as one wall-clock time (midnight when no time is given).</summary>
    public static DateTime? Combine(DateTime? date, TimeSpan? time) => date is { } d ? d.Date + (time ?? TimeSpan.Zero) : null;
}
