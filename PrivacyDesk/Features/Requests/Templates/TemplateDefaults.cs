using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// The templates a new installation starts with, in French and English, each also in the GDPR's own
/// vocabulary (France says "données personnelles", "effacement", "à tout moment"; Quebec and Ottawa say
/// "renseignements personnels"). Each letter has what a careful office writes: the salutation from the
/// record, the request named in words, the law it answers under, for a refusal the provision relied on
/// and the authority with its address and deadline, a closing formula and the regime's signature title.
/// Admins edit them; these are only inserted into an empty table, and replace an untouched earlier
/// default (<see cref="TemplateUpgrades"/>). Placeholders: see <see cref="TemplateModel"/>.
/// </summary>
public static class TemplateDefaults
{
    /// <summary>The words that differ between regimes in one language.</summary>
    private sealed record Words(string Info, string Deleted, string Corrected, string Marketing);

    private static readonly Words En = new("personal information", "deleted or anonymised your personal information", "corrected your personal information", "marketing");
    private static readonly Words EnGdpr = new("personal data", "erased or anonymised your personal data", "rectified your personal data", "direct marketing");
    private static readonly Words Fr = new("renseignements personnels", "supprimé ou anonymisé vos renseignements personnels", "rectifié vos renseignements personnels", "prospection commerciale");
    private static readonly Words FrGdpr = new("données personnelles", "effacé ou anonymisé vos données personnelles", "rectifié vos données personnelles", "prospection commerciale");

    private const string SignatureEn = "\n\n{{closing}}\n\n{{officer.name}}\n{{officer.title}}\n{{merchant.legalName}}\n{{officer.email}}";
    private const string SignatureFr = SignatureEn;

    public static IEnumerable<ReplyTemplate> All() =>
        English(En, null).Concat(English(EnGdpr, Jurisdiction.Gdpr)).Concat(French(Fr, null)).Concat(French(FrGdpr, Jurisdiction.Gdpr));

    private static IEnumerable<ReplyTemplate> English(Words w, Jurisdiction? regime)
    {
        ReplyTemplate T(TemplatePurpose p, RequestType? type, string name, string subject, string body) =>
            New(p, type, "en", regime, name, subject, "{{salutation}}\n\n" + body + SignatureEn);

        yield return T(TemplatePurpose.Acknowledgement, null, "Acknowledgement", "We received your privacy request [{{reference}}]",
            "On {{receivedOn}} we received your request concerning {{requestTypes}} and gave it the reference {{reference}}. Please quote it in any reply.\n\n{{answerBy}} If we need to confirm your identity first, we will tell you how.");
        yield return T(TemplatePurpose.VerificationRequest, null, "Identity verification", "Please confirm your identity [{{reference}}]",
            $"To protect your {w.Info}, we must confirm your identity before we act on your request concerning {{{{requestTypes}}}} ({{{{reference}}}}). Please reply with the last four digits of the phone number on your account and your postal code, or call us so we can confirm them with you.\n\nThe legal deadline ({{{{legalDue}}}}) keeps running meanwhile.");
        yield return T(TemplatePurpose.ExtensionNotice, null, "Extension notice", "We need more time for your request [{{reference}}]",
            "We need more time to answer your request concerning {{requestTypes}} ({{reference}}), received on {{receivedOn}}. The deadline moves from {{legalDue}} to {{extendedDue}}.\n\nWhy: {{extensionReason}}{{#if remedy.extension}}\n\n{{remedy.extension}}{{/if}}");
        yield return T(TemplatePurpose.Refusal, null, "Refusal with reasons", "Our answer to your request [{{reference}}]",
            "We have examined your request concerning {{requestTypes}} ({{reference}}), received on {{receivedOn}}. {{refusal.extent}}\n\n{{outcomeReason}}\n\n{{refusal.provision}}\n\n{{remedy.refusal}}");
        yield return T(TemplatePurpose.Decision, RequestType.Erasure, "Deletion confirmation", $"Your {w.Info} was {(regime is null ? "deleted" : "erased")} [{{{{reference}}}}]",
            $"As you asked in request {{{{reference}}}}, we {w.Deleted}. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Decision, RequestType.Rectification, "Rectification confirmation", $"Your {w.Info} was {(regime is null ? "corrected" : "rectified")} [{{{{reference}}}}]",
            $"As you asked in request {{{{reference}}}}, we {w.Corrected}. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Decision, RequestType.Withdrawal, "Opt-out confirmation", "You are unsubscribed [{{reference}}]",
            $"As you asked in request {{{{reference}}}}, we will no longer contact you for {w.Marketing} through the channels you named. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Reply, null, "General reply", "About your privacy request [{{reference}}]", "");
    }

    private static IEnumerable<ReplyTemplate> French(Words w, Jurisdiction? regime)
    {
        var gdpr = regime is not null;
        ReplyTemplate T(TemplatePurpose p, RequestType? type, string name, string subject, string body) =>
            New(p, type, "fr", regime, name, subject, "{{salutation}}\n\n" + body + SignatureFr);

        yield return T(TemplatePurpose.Acknowledgement, null, "Accusé de réception", "Nous avons reçu votre demande [{{reference}}]",
            "Nous avons reçu le {{receivedOn}} votre demande portant sur {{requestTypes}} et lui avons attribué le numéro {{reference}}. Veuillez l'indiquer dans toute réponse.\n\n{{answerBy}} S'il nous faut d'abord confirmer votre identité, nous vous dirons comment.");
        yield return T(TemplatePurpose.VerificationRequest, null, "Vérification d'identité", "Veuillez confirmer votre identité [{{reference}}]",
            $"Pour protéger vos {w.Info}, nous devons confirmer votre identité avant de donner suite à votre demande portant sur {{{{requestTypes}}}} ({{{{reference}}}}). Répondez-nous en indiquant les quatre derniers chiffres du numéro de téléphone de votre compte et votre code postal, ou appelez-nous pour les confirmer de vive voix.\n\nLe délai légal ({{{{legalDue}}}}) continue de courir entre-temps.");
        yield return T(TemplatePurpose.ExtensionNotice, null, "Avis de prolongation", "Nous avons besoin de plus de temps [{{reference}}]",
            "Il nous faut plus de temps pour répondre à votre demande portant sur {{requestTypes}} ({{reference}}), reçue le {{receivedOn}}. Le délai passe du {{legalDue}} au {{extendedDue}}.\n\nMotif : {{extensionReason}}{{#if remedy.extension}}\n\n{{remedy.extension}}{{/if}}");
        yield return T(TemplatePurpose.Refusal, null, "Refus motivé", "Notre réponse à votre demande [{{reference}}]",
            "Nous avons examiné votre demande portant sur {{requestTypes}} ({{reference}}), reçue le {{receivedOn}}. {{refusal.extent}}\n\n{{outcomeReason}}\n\n{{refusal.provision}}\n\n{{remedy.refusal}}");
        yield return T(TemplatePurpose.Decision, RequestType.Erasure, gdpr ? "Confirmation d'effacement" : "Confirmation de suppression",
            gdpr ? "Vos données personnelles ont été effacées [{{reference}}]" : "Vos renseignements personnels ont été supprimés [{{reference}}]",
            $"Comme vous l'avez demandé ({{{{reference}}}}), nous avons {w.Deleted}. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Decision, RequestType.Rectification, "Confirmation de rectification",
            gdpr ? "Vos données personnelles ont été rectifiées [{{reference}}]" : "Vos renseignements personnels ont été rectifiés [{{reference}}]",
            $"Comme vous l'avez demandé ({{{{reference}}}}), nous avons {w.Corrected}. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Decision, RequestType.Withdrawal, "Confirmation de retrait du consentement", "Votre désabonnement est confirmé [{{reference}}]",
            $"Comme vous l'avez demandé ({{{{reference}}}}), nous ne vous solliciterons plus à des fins de {w.Marketing} par les moyens que vous avez indiqués. {{{{outcomeReason}}}}");
        yield return T(TemplatePurpose.Reply, null, "Réponse générale", "Au sujet de votre demande [{{reference}}]", "");
    }

    private static ReplyTemplate New(TemplatePurpose purpose, RequestType? type, string language, Jurisdiction? regime, string name, string subject, string body) =>
        new()
        {
            Purpose = purpose, RequestType = type, Language = language, Jurisdiction = regime,
            Name = regime is null ? name : $"{name} ({(language == "fr" ? "RGPD" : "GDPR")})", Subject = subject, Body = body, UpdatedAt = DateTimeOffset.UtcNow,
        };
}
