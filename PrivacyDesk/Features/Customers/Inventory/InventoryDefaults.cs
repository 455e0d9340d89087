using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Customers.Inventory;

/// <summary>
/// The starting data inventory of a merchant, modelled on the seed companies' policies: a Quebec
/// merchant group hosted on AWS in Canada and the US (000), a French e-shop keeping data in the EU
/// with 13-month cookie consent and 3 years of inactivity (002). Admins then edit it.
/// </summary>
public static class InventoryDefaults
{
    public static IEnumerable<DataInventoryEntry> For(Merchant m)
    {
        var eu = m.Country == "FR";
        var hosting = eu ? "FR, EU" : m.Country == "US" ? "US" : "CA, US (AWS)";
        var payment = eu ? "Stripe (FR)" : "Global Payments, Elavon/Converge";
        DataInventoryEntry E(DataCategory c, string pEn, string pFr, string basis, string source, string rEn, string rFr, int? months,
            ErasureAction action, string recipients, string? holdEn = null, string? holdFr = null) => new()
        {
            MerchantId = m.Id, Category = c, PurposesEn = pEn, PurposesFr = pFr, LegalBasis = basis, Source = source,
            RetentionEn = rEn, RetentionFr = rFr, RetentionMonths = months, OnErasure = action, Recipients = recipients,
            Countries = hosting, LegalHoldReasonEn = holdEn, LegalHoldReasonFr = holdFr,
        };

        yield return E(DataCategory.Identity, "Open and manage your account; identify you when you contact us", "Ouvrir et gérer votre compte; vous identifier lorsque vous nous contactez",
            eu ? "Contract (GDPR art. 6(1)(b))" : "Consent and contract", "You, when opening an account", "3 years after your last activity", "3 ans après votre dernière activité", 36, ErasureAction.Anonymise, "");
        yield return E(DataCategory.Contact, "Deliver orders, answer you, send notices", "Livrer vos commandes, vous répondre, vous envoyer des avis",
            eu ? "Contract (GDPR art. 6(1)(b))" : "Consent and contract", "You", "3 years after your last activity", "3 ans après votre dernière activité", 36, ErasureAction.Delete,
            eu ? "La Poste, Colissimo" : "Canada Post, Purolator");
        yield return E(DataCategory.Preferences, "Respect your marketing choices and cookie consent", "Respecter vos choix de marketing et votre consentement aux témoins",
            eu ? "Consent (GDPR art. 6(1)(a))" : "Consent", "You", eu ? "Cookie consent: 13 months" : "Until you withdraw consent", eu ? "Consentement aux témoins : 13 mois" : "Jusqu'au retrait de votre consentement", eu ? 13 : null, ErasureAction.Delete, "Google (analytics)");
        yield return E(DataCategory.Orders, "Sell, invoice, handle returns and warranties; keep tax records", "Vendre, facturer, gérer retours et garanties; tenir les registres fiscaux",
            "Legal obligation (tax law)", "Your purchases", eu ? "10 years (Code de commerce)" : "6 years (tax law)", eu ? "10 ans (Code de commerce)" : "6 ans (lois fiscales)", eu ? 120 : 72, ErasureAction.KeepUnderLegalHold,
            payment + ", collection agencies",
            eu ? "Invoices must be kept 10 years under the French Commercial Code." : "Invoices must be kept 6 years under tax law.",
            eu ? "Les factures doivent être conservées 10 ans selon le Code de commerce." : "Les factures doivent être conservées 6 ans selon les lois fiscales.");
        yield return E(DataCategory.DeviceAndLogs, "Secure the site, measure its use", "Sécuriser le site, en mesurer l'utilisation",
            eu ? "Legitimate interest (GDPR art. 6(1)(f))" : "Consent (cookies)", "Your browser", "13 months", "13 mois", 13, ErasureAction.Delete, "Google (analytics), AWS");
        yield return E(DataCategory.Communications, "Customer service and complaint handling", "Service à la clientèle et traitement des plaintes",
            "Contract and legitimate interest", "You and our staff", "3 years", "3 ans", 36, ErasureAction.Delete, "");
        yield return E(DataCategory.Disclosures, "Keep track of who received your information (accountability)", "Garder la trace de qui a reçu vos renseignements (responsabilité)",
            "Legal obligation", "Our systems", "As long as the related records", "Aussi longtemps que les dossiers liés", null, ErasureAction.KeepUnderLegalHold, "",
            "We must be able to show whom your information was disclosed to.", "Nous devons pouvoir démontrer à qui vos renseignements ont été communiqués.");
        yield return E(DataCategory.Other, "Job applications, security-camera footage, identity checks", "Candidatures, images de caméras de sécurité, vérifications d'identité",
            "Consent and legitimate interest", "You, our premises", "Job applications 1 year; footage 30 days", "Candidatures 1 an; images 30 jours", 12, ErasureAction.Delete, "");
    }
}
