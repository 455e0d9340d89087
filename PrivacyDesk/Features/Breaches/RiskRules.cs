namespace PrivacyDesk.Features.Breaches;

/// <summary>A rule's verdict: in words (in the reader's language, by key), and who must be told.</summary>
public sealed record RiskVerdict(string OutcomeKey, bool NotifyRegulator, bool NotifyPersons, bool NotifyOthers);

/// <summary>
/// The notification thresholds of each regime, as ../shared/DOMAIN.md states them. The officer
/// supplies the judgement (sensitivity, likelihood of misuse, consequences); the rule turns it into
/// who must be notified, and the assessment keeps both with the officer's reasoning.
/// </summary>
public static class RiskRules
{
    public static RiskVerdict Assess(BreachRegime regime, RiskLevel sensitivity, RiskLevel likelihood, RiskLevel consequences, int affectedInArizona = 0) => regime switch
    {
        // PIPEDA s. 10.1: real risk of significant harm = sensitivity x probability of misuse.
        // Consequences the officer judged high (significant harm) are never "no real risk".
        BreachRegime.Pipeda => Score(sensitivity) * Score(likelihood) >= 4 || consequences == RiskLevel.High
            ? new("Risk.Verdict.Rrosh", true, true, true)
            : new("Risk.Verdict.NoRrosh", false, false, false),
        // Quebec s. 3.7: risk of serious injury, from sensitivity, anticipated consequences and likelihood of misuse.
        BreachRegime.Quebec => likelihood >= RiskLevel.Medium && sensitivity == RiskLevel.High
                               || consequences == RiskLevel.High
                               || (sensitivity == RiskLevel.Medium && consequences == RiskLevel.Medium && likelihood == RiskLevel.High)
            ? new("Risk.Verdict.SeriousInjury", true, true, false)
            : new("Risk.Verdict.NoSeriousInjury", false, false, false),
        // GDPR art. 33/34: the authority unless unlikely to result in a risk; the persons too when the risk is high.
        BreachRegime.Gdpr => (sensitivity, likelihood) switch
        {
            (RiskLevel.Low, RiskLevel.Low) when consequences != RiskLevel.High => new("Risk.Verdict.GdprUnlikely", false, false, false),
            _ when Score(sensitivity) * Score(likelihood) >= 6 || consequences == RiskLevel.High && likelihood >= RiskLevel.Medium
                => new("Risk.Verdict.GdprHigh", true, true, false),
            _ => new("Risk.Verdict.GdprRisk", true, false, false),
        },
        // Arizona A.R.S. 18-552: individuals within 45 days; over 1,000 people, the Attorney General and the three credit bureaus too.
        BreachRegime.Arizona => affectedInArizona == 0
            ? new("Risk.Verdict.ArizonaNone", false, false, false)
            : affectedInArizona > 1000 ? new("Risk.Verdict.ArizonaLarge", true, true, true) : new("Risk.Verdict.ArizonaSmall", false, true, false),
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };

    private static int Score(RiskLevel level) => (int)level + 1;

    /// <summary>The regimes that apply to an incident, from the merchant's country and where the affected people live.</summary>
    public static IReadOnlyList<BreachRegime> ApplicableTo(string merchantCountry, IEnumerable<AffectedPerson> people)
    {
        var list = new List<BreachRegime>();
        var all = people.ToList();
        if (merchantCountry == "CA" || all.Any(p => p.Country == "CA")) list.Add(BreachRegime.Pipeda);
        if (all.Any(p => p.Country == "CA" && p.Region == "QC") || merchantCountry == "CA" && all.Count == 0) list.Add(BreachRegime.Quebec);
        if (merchantCountry is "FR" or "EU" || all.Any(p => p.Country is "FR" or "DE" or "BE" or "ES" or "IT" or "NL" or "IE")) list.Add(BreachRegime.Gdpr);
        if (all.Any(p => p.Country == "US" && p.Region == "AZ")) list.Add(BreachRegime.Arizona);
        return list;
    }
}
