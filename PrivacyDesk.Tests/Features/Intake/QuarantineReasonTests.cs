using PrivacyDesk.Features.Intake;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>Quarantine reasons are stored as codes with their technical detail and read in the officer's language.</summary>
public sealed class QuarantineReasonTests
{
    private readonly UiText _text = new();

    private string In(string culture, string? stored) => InCulture.Read(culture, () => QuarantineReasons.Describe(stored, _text));

    [Fact]
    public void A_coded_reason_reads_in_each_language_with_its_detail()
    {
        var stored = QuarantineReasons.Encode(QuarantineCode.AutoSubmitted, " auto-replied ");
        Assert.Equal("AutoSubmitted: auto-replied", stored);
        Assert.Equal("Automatic message (Auto-Submitted: auto-replied); not opened as a request.", In("en-CA", stored));
        Assert.Equal("Message automatique (Auto-Submitted : auto-replied); aucune demande ouverte.", In("fr-CA", stored));
        Assert.StartsWith("Aucune adresse d'expéditeur", In("fr-CA", QuarantineReasons.Encode(QuarantineCode.NoSender)));
        Assert.Equal("Le message dépasse 50 Mo; il est conservé sans être lu.", In("fr-CA", QuarantineReasons.Encode(QuarantineCode.TooLarge, "50")));
    }

    [Fact]
    public void Every_code_has_its_sentence_in_both_languages()
    {
        foreach (var code in Enum.GetValues<QuarantineCode>())
        {
            var en = In("en-CA", QuarantineReasons.Encode(code, "x"));
            var fr = In("fr-CA", QuarantineReasons.Encode(code, "x"));
            Assert.DoesNotContain("[Quarantine.", en);
            Assert.DoesNotContain("[Quarantine.", fr);
            Assert.NotEqual(en, fr); // a French sentence of its own, not the English fallback
        }
    }

    [Theory]
    [InlineData("No sender address to answer: the From header is missing or unreadable.")] // written before reasons had codes
    [InlineData("Unknown: something")]
    public void A_reason_that_is_not_a_code_is_shown_as_it_was_written(string stored) =>
        Assert.Equal(stored, In("fr-CA", stored));
}
