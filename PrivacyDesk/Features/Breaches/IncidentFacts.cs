using System.Text.Json;

namespace PrivacyDesk.Features.Breaches;

/// <summary>An incident's facts as one reader reads them: all in one language.</summary>
public sealed record Facts(string Title, string Description, string Cause, string InformationInvolved, string MeasuresTaken,
    string MeasuresPlanned, string AdviceToPersons, string LikelyConsequences);

/// <summary>
/// The facts that go out (notices, filings, the register) in both languages: written in the
/// incident's own language (the merchant's), translated in the other. A notice to an English reader of
/// a French incident takes the English facts, and is refused while one is missing: printing French
/// facts under English headings is what a careful office never sends.
/// </summary>
public static class IncidentFacts
{
    /// <summary>The translatable fields, by the name stored in <see cref="Incident.Translations"/>, with their form label.</summary>
    public static readonly (string Name, string LabelKey, Func<Incident, string> Value)[] Fields =
    [
        (nameof(Incident.Title), "Breach.Title", i => i.Title),
        (nameof(Incident.Description), "Breach.Description", i => i.Description),
        (nameof(Incident.Cause), "Breach.Cause", i => i.Cause),
        (nameof(Incident.InformationInvolved), "Filing.Information", i => i.InformationInvolved),
        (nameof(Incident.MeasuresTaken), "Filing.MeasuresTaken", i => i.MeasuresTaken),
        (nameof(Incident.MeasuresPlanned), "Breach.MeasuresPlanned", i => i.MeasuresPlanned),
        (nameof(Incident.AdviceToPersons), "Breach.Advice", i => i.AdviceToPersons),
        (nameof(Incident.LikelyConsequences), "Breach.LikelyConsequences", i => i.LikelyConsequences),
    ];

    public static IReadOnlyDictionary<string, string> Translations(Incident i)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(i.Translations) ? "{}" : i.Translations) ?? []; }
        catch (JsonException) { return new Dictionary<string, string>(); }
    }

    public static string Serialize(IReadOnlyDictionary<string, string>? translation) =>
        JsonSerializer.Serialize((translation ?? new Dictionary<string, string>())
            .Where(kv => Fields.Any(f => f.Name == kv.Key) && !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Trim()));

    /// <summary>The other of the two languages.</summary>
    public static string Other(string language) => language == "fr" ? "en" : "fr";

    /// <summary>The labels of facts written in the incident's language but not yet in <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> MissingIn(Incident i, string language)
    {
        if (language == i.FactsLanguage) return [];
        var translated = Translations(i);
        return Fields.Where(f => !string.IsNullOrWhiteSpace(f.Value(i)) && string.IsNullOrWhiteSpace(translated.GetValueOrDefault(f.Name)))
            .Select(f => f.LabelKey).ToList();
    }

    /// <summary>
    /// The facts in <paramref name="language"/>. Callers that send refuse first when <see cref="MissingIn"/> is not
    /// empty; internal views (the register read by staff) fall back to the original for a field not translated.
    /// </summary>
    public static Facts In(Incident i, string language)
    {
        var translated = language == i.FactsLanguage ? new Dictionary<string, string>() : Translations(i);
        string V(string name, string original) => translated.TryGetValue(name, out var t) && !string.IsNullOrWhiteSpace(t) ? t : original;
        return new Facts(V(nameof(i.Title), i.Title), V(nameof(i.Description), i.Description), V(nameof(i.Cause), i.Cause),
            V(nameof(i.InformationInvolved), i.InformationInvolved), V(nameof(i.MeasuresTaken), i.MeasuresTaken), V(nameof(i.MeasuresPlanned), i.MeasuresPlanned),
            V(nameof(i.AdviceToPersons), i.AdviceToPersons), V(nameof(i.LikelyConsequences), i.LikelyConsequences));
    }
}
