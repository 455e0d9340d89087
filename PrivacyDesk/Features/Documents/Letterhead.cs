using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Documents;

/// <summary>The block at the top of every letter: who writes (legal name, address) and how to reach its privacy office.</summary>
public static class Letterhead
{
    public static string Of(Merchant m) => string.Join("\n", new[]
    {
        m.LegalName ?? m.Name, m.PostalAddress,
        string.Join(" · ", new[] { m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x))),
    }.Where(x => !string.IsNullOrWhiteSpace(x)));
}
