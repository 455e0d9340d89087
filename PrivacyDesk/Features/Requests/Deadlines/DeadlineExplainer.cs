using System.Globalization;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Requests.Deadlines;

/// <summary>Writes a deadline's reasoning as sentences in English or French.</summary>
public sealed class DeadlineExplainer(UiText text)
{
    public IReadOnlyList<string> Explain(DeadlineSet deadlines, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-CA" : "en-CA");
        string D(object o) => o is DateOnly d ? d.ToString(language == "fr" ? "dddd d MMMM yyyy" : "dddd, MMMM d, yyyy", culture) : Convert.ToString(o, culture) ?? "";
        string F(string key, params object[] args) => string.Format(culture, text.Get("Deadline." + key, language), args);
        string P(string key, int count, params object[] args) => string.Format(culture, text.PluralForm("Deadline." + key, count, language), args);

        var lines = new List<string>();
        foreach (var step in deadlines.Explanation)
        {
            var a = step.Args;
            lines.Add(step.Code switch
            {
                "ReceivedOn" => F("ReceivedOn", D(a[0]), a[1]),
                "HolidaySkipped" => F("HolidaySkipped", D(a[0]), language == "fr" ? a[2] : a[1]),
                "AcknowledgementDue" => P("AcknowledgementDue", Convert.ToInt32(a[0], culture), a[0], D(a[1])),
                "ReceiptConfirmationDue" => F("ReceiptConfirmationDue", a[0], D(a[1])),
                "RuleCcpaOptOut" => text.Get("Rule.CcpaOptOut", language),
                "OptOutDue" => F("OptOutDue", a[0], D(a[1])),
                "Rule" => text.Get("Rule." + JurisdictionCodes.Parse((string)a[0]), language),
                "AddDays" => F("AddDays", a[0], D(a[1])),
                "AddMonths" => P("AddMonths", Convert.ToInt32(a[0], culture), a[0], D(a[1])),
                "AddMonthsClamped" => P("AddMonthsClamped", Convert.ToInt32(a[0], culture), a[0], D(a[1])),
                "RolledForward" => F("RolledForward", D(a[0]), D(a[1]), language == "fr" && (string)a[3] != "" ? a[3] : DayName(a[2], culture)),
                "ExtensionPossible" => F("ExtensionPossible", D(a[0])),
                "NoExtension" => F("NoExtension"),
                _ => step.Code,
            });
        }
        return lines;
    }

    private static string DayName(object nameOrDay, CultureInfo culture) =>
        Enum.TryParse<DayOfWeek>(Convert.ToString(nameOrDay), out var day) ? culture.DateTimeFormat.GetDayName(day) : Convert.ToString(nameOrDay) ?? "";
}
