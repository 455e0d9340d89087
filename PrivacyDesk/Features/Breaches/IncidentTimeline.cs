using System.Globalization;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches;

/// <summary>
/// A timeline entry's text as the reader reads it. Some entries are stored as codes (a status change "Open → Assessing",
/// a filing "Cai: 2026-11-20", a regime "Quebec"): they are put in words here, in the reader's language; the others
/// (notes, counts) are shown as written.
/// </summary>
public static class IncidentTimeline
{
    public static string? Text(IncidentEvent e, UiText text)
    {
        if (string.IsNullOrWhiteSpace(e.Text)) return e.Text;
        switch (e.Kind)
        {
            case IncidentEventKind.StatusChanged when e.Text.Split(" → ") is [var from, var to]
                                                      && Enum.TryParse<IncidentStatus>(from, out var f) && Enum.TryParse<IncidentStatus>(to, out var t):
                return $"{text[$"IncidentStatus.{f}"]} → {text[$"IncidentStatus.{t}"]}";
            case IncidentEventKind.Filed when e.Text.Split(": ", 2) is [var kind, var date] && Enum.TryParse<FilingKind>(kind, out var k):
                return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? text.Format("Breach.FiledEvent", text[$"Filing.Title.{k}"], d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : text[$"Filing.Title.{k}"];
            case IncidentEventKind.Assessed when Enum.TryParse<BreachRegime>(e.Text, out var regime) && !int.TryParse(e.Text, out _):
                return text[$"Regime.{regime}"];
            default:
                return e.Text;
        }
    }
}
