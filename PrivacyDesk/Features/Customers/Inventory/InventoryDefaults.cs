using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>
/// The starting data inventory of a merchant, modelled on the seed companies' policies: a Quebec
/// merchant group hosted on AWS in Canada and the US (000), a French e-shop keeping data in the EU
/// with 13-month cookie consent and 3 years of inactivity, its audience measured by Google Analytics
/// in the US (002). Every text in English and French, in the vocabulary of the merchant's own law
/// ("témoins" in Quebec, "cookies" in France). Admins then edit it.
/// </summary>
public static class InventoryDefaults
{
    private sealed record Bi(string En, string Fr);

    public static IEnumerable<DataInventoryEntry> For(Merchant m)
    {
        var eu = m.Country == "FR";
        var us = m.Country == "US";
        var hosting = eu ? "FR, EU" : m.Country == "US" ? "US" : "CA, US (AWS)";
        // What protects the information outside the merchant's legal area, as the seed policies describe it.
        var hostingSafeguard = eu || m.Country == "US" ? TransferSafeguard.None
            : m.Province == "QC" ? TransferSafeguard.AssessmentAndWrittenAgreement : TransferSafeguard.ContractualProtection;
        var analyticsCountries = eu ? "FR, EU, US (Google Analytics)" : hosting;
        var analyticsSafeguard = eu ? TransferSafeguard.DataPrivacyFramework : hostingSafeguard;
        var cookies = eu ? new Bi("cookies", "cookies") : new Bi("cookies", "témoins");
        var payment = eu ? "Stripe (FR)" : "Global Payments, Elavon/Converge";
        Bi consentAndContract = eu ? new("Contract (GDPR art. 6(1)(b))", "Contrat (RGPD, art. 6, par. 1, point b))") : new("Consent and contract", "Consentement et contrat");

        DataInventoryEntry E(DataCategory c, Bi purposes, Bi basis, Bi source, Bi retention, int? months, ErasureAction action, Bi recipients,
            Bi? hold = null, string? countries = null, TransferSafeguard? safeguard = null) => new()
        {
            MerchantId = m.Id, Category = c, PurposesEn = purposes.En, PurposesFr = purposes.Fr, LegalBasis = basis.En, LegalBasisFr = basis.Fr,
            Source = source.En, SourceFr = source.Fr, RetentionEn = retention.En, RetentionFr = retention.Fr, RetentionMonths = months, OnErasure = action,
            Recipients = recipients.En, RecipientsFr = recipients.Fr, Countries = countries ?? hosting,
            Safeguard = countries is null || safeguard is null ? hostingSafeguard : safeguard.Value,
            // The seed policies describe no sale or sharing; an American merchant confirms or corrects it in the inventory.
            SaleOrSharing = us ? SaleOrSharing.Neither : SaleOrSharing.NotRecorded,
            LegalHoldReasonEn = hold?.En, LegalHoldReasonFr = hold?.Fr,
        };
        Bi none = new("", "");
        Bi threeYears = new("3 years after your last activity", "3 ans après votre dernière activité");

        yield return E(DataCategory.Identity, new("Open and manage your account; identify you when you contact us", "Ouvrir et gérer votre compte; vous identifier lorsque vous nous contactez"),
            consentAndContract, new("You, when opening an account", "Vous, à l'ouverture de votre compte"), threeYears, 36, ErasureAction.Anonymise, none);
        yield return E(DataCategory.Contact, new("Deliver orders, answer you, send notices", "Livrer vos commandes, vous répondre, vous envoyer des avis"),
            consentAndContract, new("You", "Vous"), threeYears, 36, ErasureAction.Delete,
            eu ? new("La Poste, Colissimo (carriers)", "La Poste, Colissimo (transporteurs)") : new("Canada Post, Purolator (carriers)", "Postes Canada, Purolator (transporteurs)"));
        yield return E(DataCategory.Preferences, new($"Respect your marketing choices and {cookies.En} consent", $"Respecter vos choix de prospection et votre consentement aux {cookies.Fr}"),
            eu ? new("Consent (GDPR art. 6(1)(a))", "Consentement (RGPD, art. 6, par. 1, point a))") : new("Consent", "Consentement"), new("You", "Vous"),
            eu ? new("Cookie consent: 13 months", "Consentement aux cookies : 13 mois") : new("Until you withdraw consent", "Jusqu'au retrait de votre consentement"),
            eu ? 13 : null, ErasureAction.Delete, new("Google (audience measurement)", "Google (mesure d'audience)"), countries: analyticsCountries, safeguard: analyticsSafeguard);
        yield return E(DataCategory.Orders, new("Sell, invoice, handle returns and warranties; keep tax records", "Vendre, facturer, gérer retours et garanties; tenir les registres fiscaux"),
            eu ? new("Legal obligation (Commercial Code)", "Obligation légale (Code de commerce)") : new("Legal obligation (tax law)", "Obligation légale (lois fiscales)"),
            new("Your purchases", "Vos achats"), eu ? new("10 years (Commercial Code)", "10 ans (Code de commerce)") : new("6 years (tax law)", "6 ans (lois fiscales)"),
            eu ? 120 : 72, ErasureAction.KeepUnderLegalHold,
            new($"{payment} (payment), collection agencies", $"{payment} (paiement), agences de recouvrement"),
            eu ? new("Invoices must be kept 10 years under the French Commercial Code.", "Les factures doivent être conservées 10 ans selon le Code de commerce.")
               : new("Invoices must be kept 6 years under tax law.", "Les factures doivent être conservées 6 ans selon les lois fiscales."));
        yield return E(DataCategory.DeviceAndLogs, new("Secure the site, measure its use", "Sécuriser le site, en mesurer l'utilisation"),
            eu ? new("Legitimate interest (GDPR art. 6(1)(f)); consent for audience measurement", "Intérêt légitime (RGPD, art. 6, par. 1, point f)); consentement pour la mesure d'audience")
               : new($"Consent ({cookies.En})", $"Consentement ({cookies.Fr})"),
            new("Your browser", "Votre navigateur"), new("13 months", "13 mois"), 13, ErasureAction.Delete,
            new("Google (audience measurement), AWS (hosting)", "Google (mesure d'audience), AWS (hébergement)"), countries: analyticsCountries, safeguard: analyticsSafeguard);
        yield return E(DataCategory.Communications, new("Customer service and complaint handling", "Service à la clientèle et traitement des plaintes"),
            eu ? new("Contract and legitimate interest (GDPR art. 6(1)(b) and (f))", "Contrat et intérêt légitime (RGPD, art. 6, par. 1, points b) et f))")
               : us ? new("Business purpose: customer service (Civ. Code 1798.140(e))", "Fin commerciale : service à la clientèle (Code civil, art. 1798.140(e))")
               : new("Consent (implied when you contact us)", "Consentement (implicite lorsque vous nous contactez)"),
            new("You and our staff", "Vous et notre personnel"), new("3 years", "3 ans"), 36, ErasureAction.Delete, none);
        yield return E(DataCategory.Disclosures, new("Keep track of who received your information (accountability)", $"Garder la trace de qui a reçu {(eu ? "vos données" : "vos renseignements")} (responsabilité)"),
            new("Legal obligation", "Obligation légale"), new("Our systems", "Nos systèmes"),
            new("As long as we keep the related records", "Aussi longtemps que nous conservons les dossiers liés"), null, ErasureAction.KeepUnderLegalHold, none,
            new("We must be able to show whom your information was disclosed to.", $"Nous devons pouvoir démontrer à qui {(eu ? "vos données ont été communiquées" : "vos renseignements ont été communiqués")}."));
        yield return E(DataCategory.Other, new("Job applications, security-camera footage, identity checks", "Candidatures, images de caméras de sécurité, vérifications d'identité"),
            eu ? new("Consent and legitimate interest (GDPR art. 6(1)(a) and (f))", "Consentement et intérêt légitime (RGPD, art. 6, par. 1, points a) et f))")
               : new("Consent (job applications); security of our premises, with posted notice (cameras)", "Consentement (candidatures); sécurité de nos locaux, avec affichage (caméras)"),
            new("You, our premises", "Vous, nos locaux"), new("Job applications 1 year; footage 30 days", "Candidatures 1 an; images 30 jours"), 12, ErasureAction.Delete, none);
    }
}
