using PrivacyDesk.Features.Breaches;

namespace PrivacyDesk.Tests.Features.Breaches;

public sealed class BreachRuleTests
{
    private static Incident AwareAt(DateTimeOffset at) => new() { Reference = "BR-1", Title = "t", AwareAt = at };

    [Fact]
    public void Gdpr_72_hours_are_elapsed_hours_across_the_spring_daylight_saving_change()
    {
        // Paris moves from CET (+01:00) to CEST (+02:00) on Sunday 29 March 2026 at 02:00.
        var aware = new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.FromHours(1));
        var clock = BreachClocks.For(AwareAt(aware), [BreachRegime.Gdpr], "FR", null, 72, aware).Single();
        Assert.Equal(aware.AddHours(72), clock.Due);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 11, 0, 0, TimeSpan.FromHours(2)), clock.DueLocal); // 11:00 on the wall clock, not 10:00
        Assert.Equal(TimeSpan.FromHours(72), clock.Remaining);
    }

    [Fact]
    public void Gdpr_72_hours_across_the_autumn_change_and_in_Montreal()
    {
        var paris = new DateTimeOffset(2026, 10, 23, 10, 0, 0, TimeSpan.FromHours(2)); // CEST; back to CET on 25 October
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.FromHours(1)),
            BreachClocks.For(AwareAt(paris), [BreachRegime.Gdpr], "FR", null, 72, paris).Single().DueLocal);

        var montreal = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.FromHours(-5)); // EST; EDT from 8 March
        var clock = BreachClocks.For(AwareAt(montreal), [BreachRegime.Gdpr], "CA", "QC", 72, montreal.AddHours(80)).Single();
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.FromHours(-4)), clock.DueLocal);
        Assert.True(clock.Late);
    }

    [Fact]
    public void Arizona_counts_45_calendar_days_and_prompt_notice_uses_the_merchants_target()
    {
        var aware = new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);
        var clocks = BreachClocks.For(AwareAt(aware), [BreachRegime.Arizona, BreachRegime.Quebec], "US", "AZ", 48, aware);
        Assert.Equal(new DateOnly(2027, 1, 4), DateOnly.FromDateTime(clocks.Single(c => c.NameKey == "Clock.Arizona45").DueLocal.DateTime));
        Assert.Equal(aware.AddHours(48), clocks.Single(c => c.NameKey == "Clock.Prompt").Due);
    }

    [Theory]
    [InlineData(BreachRegime.Pipeda, RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, true, true)]
    [InlineData(BreachRegime.Pipeda, RiskLevel.Medium, RiskLevel.Medium, RiskLevel.High, true, true)]
    [InlineData(BreachRegime.Pipeda, RiskLevel.Low, RiskLevel.High, RiskLevel.High, true, true)]   // high consequences are never "no real risk"
    [InlineData(BreachRegime.Pipeda, RiskLevel.Low, RiskLevel.Medium, RiskLevel.Medium, false, false)]
    [InlineData(BreachRegime.Quebec, RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, true, true)]
    [InlineData(BreachRegime.Quebec, RiskLevel.Low, RiskLevel.Medium, RiskLevel.High, true, true)]
    [InlineData(BreachRegime.Quebec, RiskLevel.High, RiskLevel.Low, RiskLevel.High, true, true)]   // nor "no serious injury"
    [InlineData(BreachRegime.Quebec, RiskLevel.High, RiskLevel.Low, RiskLevel.Medium, false, false)]
    [InlineData(BreachRegime.Gdpr, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, false)]
    [InlineData(BreachRegime.Gdpr, RiskLevel.Low, RiskLevel.Low, RiskLevel.High, true, false)]     // nor "unlikely to result in a risk"
    [InlineData(BreachRegime.Gdpr, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, true, false)]
    [InlineData(BreachRegime.Gdpr, RiskLevel.High, RiskLevel.Medium, RiskLevel.Medium, true, true)]
    public void Each_regime_turns_the_judgement_into_who_must_be_told(BreachRegime regime, RiskLevel sensitivity, RiskLevel likelihood, RiskLevel consequences, bool regulator, bool persons)
    {
        var verdict = RiskRules.Assess(regime, sensitivity, likelihood, consequences);
        Assert.Equal(regulator, verdict.NotifyRegulator);
        Assert.Equal(persons, verdict.NotifyPersons);
    }

    [Fact]
    public void Arizona_threshold_is_over_1000_residents()
    {
        Assert.False(RiskRules.Assess(BreachRegime.Arizona, RiskLevel.High, RiskLevel.High, RiskLevel.High, 1000).NotifyOthers);
        Assert.True(RiskRules.Assess(BreachRegime.Arizona, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, 1001).NotifyOthers);
        Assert.True(RiskRules.Assess(BreachRegime.Arizona, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, 3).NotifyPersons);
    }

    [Theory]
    [InlineData("CA", "H7G 2V5", "CA", "QC")]
    [InlineData("CA", "K1A 0B1", "CA", "ON")]
    [InlineData("US", "85004", "US", "AZ")]
    [InlineData("US", "10001", "US", "NY")]
    [InlineData("FR", "75011", "FR", "75")]
    [InlineData("CA", null, "CA", "")]
    public void Regions_come_from_postal_codes(string merchantCountry, string? postal, string country, string region) =>
        Assert.Equal((country, region), Regions.FromPostalCode(merchantCountry, postal));
}
