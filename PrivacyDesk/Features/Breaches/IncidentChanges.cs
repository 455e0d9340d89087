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
    private static readonly (string LabelKey, Func<Incident, string?> Value)[] Fields =
    [
        ("Breach.Title", i => i.Title),
        ("Breach.Description", i => i.Description),
        ("Breach.Cause", i => i.Cause),
        ("Breach.HowDiscovered", i => i.HowDiscovered),
        ("Breach.OccurredFrom", i => Time(i.OccurredFrom)),
        ("Breach.OccurredTo", i => Time(i.OccurredTo)),
        ("Breach.AwareAt", i => Time(i.AwareAt)),
        ("Breach.ContainedAt", i => Time(i.ContainedAt)),
        ("Breach.Systems", i => i.Systems),
        ("Breach.Categories", i => i.DataCategories),
        ("Filing.Information", i => i.InformationInvolved),
        ("Filing.MeasuresTaken", i => i.MeasuresTaken),
        ("Breach.MeasuresPlanned", i => i.MeasuresPlanned),
        ("Breach.Advice", i => i.AdviceToPersons),
        ("Breach.ReasonsForDelay", i => i.ReasonsForDelay),
        ("Breach.LikelyConsequences", i => i.LikelyConsequences),
        ("Breach.ApproximateRecords", i => i.ApproximateRecords?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Breach.OtherAuthorities", i => i.OtherAuthorities),
        ("Breach.PublicNotice", i => i.PublicNotice ? "✓" : "—"),
        ("Breach.PublicNoticeReason", i => i.PublicNoticeReason),
        ("Breach.Translations", i => i.Translations),
    ];

    public static IReadOnlyList<FieldChange> Between(Incident mine, Incident theirs, UiText text)
    {
        var changes = Fields.Select(f => (f.LabelKey, Before: f.Value(mine) ?? "", After: f.Value(theirs) ?? ""))
            .Where(f => f.Before != f.After)
            .Select(f => new FieldChange(text[f.LabelKey], f.Before, f.After))
            .ToList();
        // The status is changed from the page, not the form, but it too makes a save stale.
        if (mine.Status != theirs.Status)
            changes.Add(new FieldChange(text["Breach.StatusLabel"], text[$"IncidentStatus.{mine.Status}"], text[$"IncidentStatus.{theirs.Status}"]));
        return changes;
    }

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
