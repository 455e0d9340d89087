using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Hosting.Demo;

/// <summary>
/// Demo merchants modelled on the companies whose privacy policies are in shared/seeds: a Quebec
/// computer-store group's affiliates (000), a Quebec retailer writing in French (001), a French
/// e-shop under the GDPR (002), a Canadian telecom reseller (003) and a US web-services firm (004).
/// Names, numbers and people are invented.
/// </summary>
public static class DemoMerchants
{
    public static IReadOnlyList<MerchantInput> All { get; } =
    [
        new("mm-laval", "Millenium Micro Laval", "Informatique Laval-Nord inc.", "1170000012", "CA", "QC", "fr",
            "Sophie Gagnon", "vie-privee@mm-laval.example", "+1 450 555 0142", "1600 boul. Le Corbusier, Laval (Québec) H7S 1Y9"),
        new("mm-ottawa", "Millenium Micro Ottawa", "Ottawa Micro Systems Ltd.", null, "CA", "ON", "en",
            "Daniel Wright", "privacy@mm-ottawa.example", "+1 613 555 0177", "240 Bank Street, Ottawa ON K2P 1X4"),
        new("boutique-riviere", "Boutique La Rivière", "Boutique La Rivière inc.", "1170000029", "CA", "QC", "fr",
            "Isabelle Côté", "renseignements@boutique-riviere.example", "+1 418 555 0190", "55 rue Saint-Joseph Est, Québec (Québec) G1K 3A6"),
        new("minididou", "Minididou", "Minididou SAS", null, "FR", null, "fr",
            "Camille Laurent", "dpo@minididou.example", "+33 1 55 55 01 23", "12 rue des Lilas, 75019 Paris"),
        new("nordtel", "NordTel Communications", "NordTel Communications Inc.", null, "CA", "ON", "en",
            "Priya Raman", "privacy@nordtel.example", "+1 416 555 0133", "100 King Street West, Toronto ON M5X 1A9"),
        new("mtr", "Millennium Technology Resources", "Millennium Technology Resources LLC", null, "US", "AZ", "en",
            "Carlos Mendez", "privacy@mtr.example", "+1 602 555 0111", "2 N Central Ave, Phoenix AZ 85004"),
    ];
}
