using PrivacyDesk.Features.Customers;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Customers;

/// <summary>History entries, stored neutrally, read in each language.</summary>
public sealed class CustomerChangeTextTests
{
    private readonly UiText _text = new();

    private string In(string culture, Func<UiText, string> read) => InCulture.Read(culture, () => read(_text));

    [Theory]
    [InlineData("fr-CA", "LastName", "Nom de famille")]
    [InlineData("en-CA", "LastName", "Last name")]
    [InlineData("fr-CA", "Consent:Marketing:Sms", "Consentement : Marketing par Texto")]
    [InlineData("en-CA", "Consent:Marketing:Sms", "Consent: Marketing by SMS")]
    [InlineData("fr-CA", "Status", "État du compte")]
    [InlineData("fr-CA", "Something:else", "Something:else")]
    public void Fields_read_in_the_reader_s_language(string culture, string stored, string expected) =>
        Assert.Equal(expected, In(culture, t => CustomerChangeText.Field(stored, t)));

    [Theory]
    [InlineData("fr-CA", "Status", "Active/Deactivated", "Actif / Désactivé")]
    [InlineData("fr-CA", "Status", "Anonymised", "Anonymisé")]
    [InlineData("fr-CA", "Consent:Marketing:Email", "Withdrawn", "Retiré")]
    [InlineData("fr-CA", "LastName", "Withdrawn", "Withdrawn")] // a name is never translated, whatever it spells
    public void Values_of_statuses_and_consents_are_translated_and_data_is_not(string culture, string field, string stored, string expected) =>
        Assert.Equal(expected, In(culture, t => CustomerChangeText.Value(field, stored, t)));
}
