namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// The templates a new installation starts with, in French and English. Admins edit them; these
/// are only inserted into an empty table. Placeholders: see <see cref="TemplateModel"/>.
/// </summary>
public static class TemplateDefaults
{
    private const string SignatureEn = "\n\n{{officer.name}}\nPrivacy Officer, {{merchant.name}}\n{{officer.email}}";
    private const string SignatureFr = "\n\n{{officer.name}}\nResponsable de la protection des renseignements personnels, {{merchant.name}}\n{{officer.email}}";

    public static IEnumerable<ReplyTemplate> All()
    {
        yield return T(TemplatePurpose.Acknowledgement, null, "en", "Acknowledgement",
            "We received your privacy request [{{reference}}]",
            "Dear {{requester.name}},\n\nWe received your request on {{receivedOn}} and gave it the reference {{reference}}. Please quote it in any reply.\n\nWe will answer by {{legalDue}} at the latest. If we need to confirm your identity first, we will tell you how." + SignatureEn);
        yield return T(TemplatePurpose.Acknowledgement, null, "fr", "Accusé de réception",
            "Nous avons reçu votre demande [{{reference}}]",
            "Bonjour {{requester.name}},\n\nNous avons reçu votre demande le {{receivedOn}} et lui avons attribué le numéro {{reference}}. Veuillez l'indiquer dans toute réponse.\n\nNous vous répondrons au plus tard le {{legalDue}}. S'il nous faut d'abord confirmer votre identité, nous vous dirons comment." + SignatureFr);

        yield return T(TemplatePurpose.VerificationRequest, null, "en", "Identity verification",
            "Please confirm your identity [{{reference}}]",
            "Dear {{requester.name}},\n\nTo protect your personal information, we must confirm your identity before we act on request {{reference}}. Please reply with the last four digits of the phone number on your account and your postal code, or call us so we can confirm them with you.\n\nThe legal deadline ({{legalDue}}) keeps running meanwhile." + SignatureEn);
        yield return T(TemplatePurpose.VerificationRequest, null, "fr", "Vérification d'identité",
            "Veuillez confirmer votre identité [{{reference}}]",
            "Bonjour {{requester.name}},\n\nPour protéger vos renseignements personnels, nous devons confirmer votre identité avant de traiter la demande {{reference}}. Répondez-nous en indiquant les quatre derniers chiffres du numéro de téléphone de votre compte et votre code postal, ou appelez-nous pour les confirmer de vive voix.\n\nLe délai légal ({{legalDue}}) continue de courir entre-temps." + SignatureFr);

        yield return T(TemplatePurpose.ExtensionNotice, null, "en", "Extension notice",
            "We need more time for your request [{{reference}}]",
            "Dear {{requester.name}},\n\nWe need more time to answer request {{reference}}, received on {{receivedOn}}. The law allows us to extend the deadline, which moves from {{legalDue}} to {{extendedDue}}.\n\nWhy: {{extensionReason}}\n\nYou have the right to complain about this extension to the privacy regulator." + SignatureEn);
        yield return T(TemplatePurpose.ExtensionNotice, null, "fr", "Avis de prolongation",
            "Nous avons besoin de plus de temps [{{reference}}]",
            "Bonjour {{requester.name}},\n\nIl nous faut plus de temps pour répondre à la demande {{reference}}, reçue le {{receivedOn}}. La loi nous permet de prolonger le délai, qui passe du {{legalDue}} au {{extendedDue}}.\n\nMotif : {{extensionReason}}\n\nVous pouvez porter plainte au sujet de cette prolongation auprès de l'autorité de protection des renseignements personnels." + SignatureFr);

        yield return T(TemplatePurpose.Refusal, null, "en", "Refusal with reasons",
            "Our answer to your request [{{reference}}]",
            "Dear {{requester.name}},\n\nWe cannot grant request {{reference}}, in whole or in part, for the following reason:\n\n{{outcomeReason}}\n\nYou may ask us to reconsider, and you have the right to complain to the privacy regulator." + SignatureEn);
        yield return T(TemplatePurpose.Refusal, null, "fr", "Refus motivé",
            "Notre réponse à votre demande [{{reference}}]",
            "Bonjour {{requester.name}},\n\nNous ne pouvons pas accéder, en tout ou en partie, à la demande {{reference}}, pour le motif suivant :\n\n{{outcomeReason}}\n\nVous pouvez nous demander de réviser cette décision et vous avez le droit de porter plainte auprès de l'autorité de protection des renseignements personnels." + SignatureFr);

        yield return T(TemplatePurpose.Decision, RequestType.Erasure, "en", "Deletion confirmation",
            "Your personal information was deleted [{{reference}}]",
            "Dear {{requester.name}},\n\nAs you asked in request {{reference}}, we deleted or anonymised your personal information. {{outcomeReason}}" + SignatureEn);
        yield return T(TemplatePurpose.Decision, RequestType.Erasure, "fr", "Confirmation de suppression",
            "Vos renseignements personnels ont été supprimés [{{reference}}]",
            "Bonjour {{requester.name}},\n\nComme demandé ({{reference}}), nous avons supprimé ou anonymisé vos renseignements personnels. {{outcomeReason}}" + SignatureFr);
        yield return T(TemplatePurpose.Decision, RequestType.Rectification, "en", "Rectification confirmation",
            "Your personal information was corrected [{{reference}}]",
            "Dear {{requester.name}},\n\nAs you asked in request {{reference}}, we corrected your personal information. {{outcomeReason}}" + SignatureEn);
        yield return T(TemplatePurpose.Decision, RequestType.Rectification, "fr", "Confirmation de rectification",
            "Vos renseignements personnels ont été rectifiés [{{reference}}]",
            "Bonjour {{requester.name}},\n\nComme demandé ({{reference}}), nous avons rectifié vos renseignements personnels. {{outcomeReason}}" + SignatureFr);
        yield return T(TemplatePurpose.Decision, RequestType.Withdrawal, "en", "Opt-out confirmation",
            "You are unsubscribed [{{reference}}]",
            "Dear {{requester.name}},\n\nAs you asked in request {{reference}}, we will no longer contact you for marketing through the channels you named. {{outcomeReason}}" + SignatureEn);
        yield return T(TemplatePurpose.Decision, RequestType.Withdrawal, "fr", "Confirmation de retrait du consentement",
            "Votre désabonnement est confirmé [{{reference}}]",
            "Bonjour {{requester.name}},\n\nComme demandé ({{reference}}), nous ne vous solliciterons plus à des fins de marketing par les moyens que vous avez indiqués. {{outcomeReason}}" + SignatureFr);

        yield return T(TemplatePurpose.Reply, null, "en", "General reply",
            "About your privacy request [{{reference}}]",
            "Dear {{requester.name}},\n\n" + SignatureEn.TrimStart('\n'));
        yield return T(TemplatePurpose.Reply, null, "fr", "Réponse générale",
            "Au sujet de votre demande [{{reference}}]",
            "Bonjour {{requester.name}},\n\n" + SignatureFr.TrimStart('\n'));
    }

    private static ReplyTemplate T(TemplatePurpose purpose, RequestType? type, string language, string name, string subject, string body) =>
        new() { Purpose = purpose, RequestType = type, Language = language, Name = name, Subject = subject, Body = body, UpdatedAt = DateTimeOffset.UtcNow };
}
