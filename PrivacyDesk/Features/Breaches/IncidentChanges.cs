using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches;

/// <summary>One field someone else changed on an incident: its label and both values, as shown to the user.</summary>
public sealed record FieldChange(string Label, string Before, string After);

/// <summary>
/// The facts of an incident that differ between two versions, labelled as the form labels them: what
/// a user whose save was refused needs to see to decide what to keep.
/// </summary>
public static class IncidentChanges
{
    private static (string LabelKey, Func<Incident, string?> Value)[] Fields(TimeZoneInfo zone, UiText text) =>
    [
        ("Breach.Title", i => i.Title),
        ("Breach.Description", i => i.Description),
        ("Breach.Cause", i => i.Cause),
        ("Breach.HowDiscovered", i => i.HowDiscovered),
        ("Breach.OccurredFrom", i => Time(i.OccurredFrom, zone)),
        ("Breach.OccurredTo", i => Time(i.OccurredTo, zone)),
        ("Breach.AwareAt", i => Time(i.AwareAt, zone)),
        ("Breach.ContainedAt", i => Time(i.ContainedAt, zone)),
        ("Breach.Systems", i => i.Systems),
        ("Breach.Categories", i => string.Join(", ", i.DataCategories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => text[$"Category.{c}"]))),
        ("Filing.Information", i => i.InformationInvolved),
        ("Filing.MeasuresTaken", i => i.MeasuresTaken),
        ("Breach.MeasuresPlanned", i => i.MeasuresPlanned),
        ("Breach.Advice", i => i.AdviceToPersons),
        ("Breach.ReasonsForDelay", i => i.ReasonsForDelay),
        ("Breach.LikelyConsequences", i => i.LikelyConsequences),
        ("Breach.ApproximateRecords", i => i.ApproximateRecords?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Breach.OtherAuthorities", i => i.OtherAuthorities),
        ("Breach.PublicNotice", i => i.PublicNotice ? text["Common.Yes"] : text["Common.No"]),
        ("Breach.PublicNoticeReason", i => i.PublicNoticeReason),
    ];

    public static IReadOnlyList<FieldChange> Between(Incident mine, Incident theirs, UiText text) => Between(mine, theirs, text, TimeZoneInfo.Utc);

    /// <summary>The changes, with times on the merchant's clock (<paramref name="zone"/>), as the form shows them.</summary>
    public static IReadOnlyList<FieldChange> Between(Incident mine, Incident theirs, UiText text, TimeZoneInfo zone)
    {
        var changes = Fields(zone, text).Select(f => (f.LabelKey, Before: f.Value(mine) ?? "", After: f.Value(theirs) ?? ""))
            .Where(f => f.Before != f.After)
            .Select(f => new FieldChange(text[f.LabelKey], f.Before, f.After))
            .ToList();
        // The facts in the other language, field by field, labelled as the form's translation fields are ("What happened (English)").
        var (mineTr, theirsTr) = (IncidentFacts.Translations(mine), IncidentFacts.Translations(theirs));
        var other = text[$"LanguageName.{IncidentFacts.Other(theirs.FactsLanguage)}"];
        foreach (var f in IncidentFacts.Fields)
        {
            var (before, after) = (mineTr.GetValueOrDefault(f.Name) ?? "", theirsTr.GetValueOrDefault(f.Name) ?? "");
            if (before != after) changes.Add(new FieldChange($"{text[f.LabelKey]} ({other})", before, after));
        }
        // The status is changed from the page, not the form, but it too makes a save stale.
        if (mine.Status != theirs.Status)
            changes.Add(new FieldChange(text["Breach.StatusLabel"], text[$"IncidentStatus.{mine.Status}"], text[$"IncidentStatus.{theirs.Status}"]));
        return changes;
    }

    private static string? Time(DateTimeOffset? t, TimeZoneInfo zone)
    {
        if (t is not { } value) return null;
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var sign = local.Offset < TimeSpan.Zero ? "−" : "+";
        return local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" (UTC{sign}{local.Offset.Duration():hh\\:mm})";
    }
}
