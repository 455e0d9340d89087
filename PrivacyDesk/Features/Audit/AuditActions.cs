namespace PrivacyDesk.Features.Audit;

/// <summary>What an audit record is about, for the viewer's filter.</summary>
public enum AuditKind
{
    /// <summary>Personal data left the app or was put together to leave it: downloads, exports, generated documents.</summary>
    Disclosure,
    Requests,
    Customers,
    Incidents,
    Mail,
    Administration,
    /// <summary>A code this table does not know (written by a later version, say).</summary>
    Other,
}

/// <summary>One action code in words: the UI string's key and the kind it is filed under.</summary>
public sealed record AuditActionInfo(string Code, string TextKey, AuditKind Kind);

/// <summary>
/// The action codes the app writes (<c>ctx.Audit("request.created", ...)</c> across the features), each
/// with its UI string. The codes stay as written; only their words are here. Imports are written as
/// "{what}.imported" for every kind of record a file can bring in.
/// </summary>
public static class AuditActions
{
    public const string UnknownKey = "AuditAction.Other";

    private static readonly AuditActionInfo[] Table =
    [
        new("request.created", "AuditAction.RequestCreated", AuditKind.Requests),
        new("request.acknowledged", "AuditAction.RequestAcknowledged", AuditKind.Requests),
        new("request.assigned", "AuditAction.RequestAssigned", AuditKind.Requests),
        new("request.classification-corrected", "AuditAction.RequestClassificationCorrected", AuditKind.Requests),
        new("request.customer-linked", "AuditAction.RequestCustomerLinked", AuditKind.Requests),
        new("request.verification-requested", "AuditAction.RequestVerificationRequested", AuditKind.Requests),
        new("request.identity-verified", "AuditAction.RequestIdentityVerified", AuditKind.Requests),
        new("request.extended", "AuditAction.RequestExtended", AuditKind.Requests),
        new("request.note-added", "AuditAction.RequestNoteAdded", AuditKind.Requests),
        new("request.replied", "AuditAction.RequestReplied", AuditKind.Requests),
        new("request.decided", "AuditAction.RequestDecided", AuditKind.Requests),
        new("request.closed", "AuditAction.RequestClosed", AuditKind.Requests),
        new("request.reopened", "AuditAction.RequestReopened", AuditKind.Requests),
        new("request.withdrawn", "AuditAction.RequestWithdrawn", AuditKind.Requests),
        new("request.merged", "AuditAction.RequestMerged", AuditKind.Requests),
        new("request.personal-data-purged", "AuditAction.RequestPurged", AuditKind.Requests),
        new("document.review-decided", "AuditAction.DocumentReviewDecided", AuditKind.Requests),

        new("request.attachment-downloaded", "AuditAction.RequestAttachmentDownloaded", AuditKind.Disclosure),
        new("mail.original-downloaded", "AuditAction.MailOriginalDownloaded", AuditKind.Disclosure),
        new("document.access-response-generated", "AuditAction.DocumentAccessResponseGenerated", AuditKind.Disclosure),
        new("document.letter-generated", "AuditAction.DocumentLetterGenerated", AuditKind.Disclosure),
        new("portal.link-sent", "AuditAction.PortalLinkSent", AuditKind.Requests),
        new("portal.link-revoked", "AuditAction.PortalLinkRevoked", AuditKind.Requests),
        new("portal.link-printed", "AuditAction.PortalLinkPrinted", AuditKind.Requests),
        new("portal.code-sent", "AuditAction.PortalCodeSent", AuditKind.Requests),
        new("portal.locked", "AuditAction.PortalLocked", AuditKind.Requests),
        new("portal.email-confirmed", "AuditAction.PortalEmailConfirmed", AuditKind.Requests),
        new("portal.message", "AuditAction.PortalMessage", AuditKind.Requests),
        new("portal.response-released", "AuditAction.PortalResponseReleased", AuditKind.Disclosure),
        new("portal.response-posted", "AuditAction.PortalResponsePosted", AuditKind.Disclosure),
        new("portal.downloaded", "AuditAction.PortalDownloaded", AuditKind.Disclosure),
        new("report.exported", "AuditAction.ReportExported", AuditKind.Disclosure),
        new("incident.file-downloaded", "AuditAction.IncidentFileDownloaded", AuditKind.Disclosure),
        new("incident.filing-exported", "AuditAction.IncidentFilingExported", AuditKind.Disclosure),
        new("incident.register-exported", "AuditAction.IncidentRegisterExported", AuditKind.Disclosure),

        new("customer.rectified", "AuditAction.CustomerRectified", AuditKind.Customers),
        new("customer.consent-granted", "AuditAction.CustomerConsentGranted", AuditKind.Customers),
        new("customer.consent-withdrawn", "AuditAction.CustomerConsentWithdrawn", AuditKind.Customers),
        new("customer.deactivated", "AuditAction.CustomerDeactivated", AuditKind.Customers),
        new("customer.erased", "AuditAction.CustomerErased", AuditKind.Customers),
        new("customer.retention-erased", "AuditAction.CustomerRetentionErased", AuditKind.Customers),

        new("incident.created", "AuditAction.IncidentCreated", AuditKind.Incidents),
        new("incident.updated", "AuditAction.IncidentUpdated", AuditKind.Incidents),
        new("incident.status-changed", "AuditAction.IncidentStatusChanged", AuditKind.Incidents),
        new("incident.affected-added", "AuditAction.IncidentAffectedAdded", AuditKind.Incidents),
        new("incident.assessed", "AuditAction.IncidentAssessed", AuditKind.Incidents),
        new("incident.filed", "AuditAction.IncidentFiled", AuditKind.Incidents),
        new("incident.note-added", "AuditAction.IncidentNoteAdded", AuditKind.Incidents),
        new("incident.notices-queued", "AuditAction.IncidentNoticesQueued", AuditKind.Incidents),
        new("incident.personal-data-purged", "AuditAction.IncidentPurged", AuditKind.Incidents),

        new("mail.request-opened", "AuditAction.MailRequestOpened", AuditKind.Mail),
        new("mail.reply-received", "AuditAction.MailReplyReceived", AuditKind.Mail),
        new("mail.quarantined", "AuditAction.MailQuarantined", AuditKind.Mail),
        new("mail.released", "AuditAction.MailReleased", AuditKind.Mail),
        new("mail.added-to-claimed-request", "AuditAction.MailAddedToClaimedRequest", AuditKind.Mail),
        new("mail.dismissed", "AuditAction.MailDismissed", AuditKind.Mail),
        new("mail.sent", "AuditAction.MailSent", AuditKind.Mail),
        new("mail.failed", "AuditAction.MailFailed", AuditKind.Mail),

        new("merchant.created", "AuditAction.MerchantCreated", AuditKind.Administration),
        new("merchant.updated", "AuditAction.MerchantUpdated", AuditKind.Administration),
        new("user.created", "AuditAction.UserCreated", AuditKind.Administration),
        new("user.access-changed", "AuditAction.UserAccessChanged", AuditKind.Administration),
        new("user.locked", "AuditAction.UserLocked", AuditKind.Administration),
        new("user.unlocked", "AuditAction.UserUnlocked", AuditKind.Administration),
        new("user.password-reset", "AuditAction.UserPasswordReset", AuditKind.Administration),
        new("user.invitation-sent", "AuditAction.UserInvitationSent", AuditKind.Administration),
        new("user.invitation-not-sent", "AuditAction.UserInvitationNotSent", AuditKind.Administration),
        new("user.password-set", "AuditAction.UserPasswordSet", AuditKind.Administration),
        new("api-key.created", "AuditAction.ApiKeyCreated", AuditKind.Administration),
        new("api-key.revoked", "AuditAction.ApiKeyRevoked", AuditKind.Administration),
        new("mailbox.created", "AuditAction.MailboxCreated", AuditKind.Administration),
        new("mailbox.updated", "AuditAction.MailboxUpdated", AuditKind.Administration),
        new("mailbox.synced-from-settings", "AuditAction.MailboxSynced", AuditKind.Administration),
        new("template.updated", "AuditAction.TemplateUpdated", AuditKind.Administration),
        new("template.upgraded", "AuditAction.TemplateUpgraded", AuditKind.Administration),
        new("inventory.updated", "AuditAction.InventoryUpdated", AuditKind.Administration),
        new("database.backed-up", "AuditAction.DatabaseBackedUp", AuditKind.Administration),
        new("policy.created", "AuditAction.PolicyCreated", AuditKind.Administration),
        new("policy.updated", "AuditAction.PolicyUpdated", AuditKind.Administration),
        new("campaign.started", "AuditAction.CampaignStarted", AuditKind.Customers),
        new("campaign.stopped", "AuditAction.CampaignStopped", AuditKind.Customers),
        new("campaign.resumed", "AuditAction.CampaignResumed", AuditKind.Customers),
        new("campaign.completed", "AuditAction.CampaignCompleted", AuditKind.Customers),
        new("campaign.consent-given", "AuditAction.CampaignConsentGiven", AuditKind.Customers),
        new("campaign.consent-refused", "AuditAction.CampaignConsentRefused", AuditKind.Customers),
        new("campaign.bounced", "AuditAction.CampaignBounced", AuditKind.Mail),
        new("customer.disclosure-logged", "AuditAction.CustomerDisclosureLogged", AuditKind.Customers),
        new("disclosure.notice-sent", "AuditAction.DisclosureNoticeSent", AuditKind.Disclosure),
        new("disclosure.notice-withheld", "AuditAction.DisclosureNoticeWithheld", AuditKind.Customers),
        new("recipient.notice-sent", "AuditAction.RecipientNoticeSent", AuditKind.Disclosure),
        new("recipient.notice-confirmed", "AuditAction.RecipientNoticeConfirmed", AuditKind.Requests),
        new("recipient.notice-waived", "AuditAction.RecipientNoticeWaived", AuditKind.Requests),
        new("recipient.list-sent", "AuditAction.RecipientListSent", AuditKind.Disclosure),
    ];

    private static readonly Dictionary<string, AuditActionInfo> ByCode = Table.ToDictionary(a => a.Code, StringComparer.Ordinal);

    /// <summary>Suffix of the import codes ("customers.imported", "orders.imported", ...).</summary>
    public const string ImportSuffix = ".imported";

    public static IReadOnlyList<AuditActionInfo> All => Table;

    /// <summary>The codes filed under <paramref name="kind"/> (imports, whose codes vary, are matched by their suffix).</summary>
    public static IReadOnlyList<string> CodesOf(AuditKind kind) => Table.Where(a => a.Kind == kind).Select(a => a.Code).ToList();

    /// <summary>Imports go with the customer data they bring in.</summary>
    public static bool KindHasImports(AuditKind kind) => kind == AuditKind.Customers;

    /// <summary>
    /// The action in words: a key, and for an import the key of what was imported
    /// ("orders.imported" → "AuditAction.Imported" with "ImportEntity.Orders").
    /// </summary>
    public static (string Key, string? ArgKey, AuditKind Kind) Describe(string code)
    {
        if (ByCode.TryGetValue(code, out var known)) return (known.TextKey, null, known.Kind);
        if (code.EndsWith(ImportSuffix, StringComparison.Ordinal))
        {
            var what = code[..^ImportSuffix.Length];
            var entity = Enum.GetValues<Customers.Import.ImportEntity>()
                .Select(e => (Customers.Import.ImportEntity?)e)
                .FirstOrDefault(e => string.Equals(e.ToString(), what, StringComparison.OrdinalIgnoreCase));
            return ("AuditAction.Imported", entity is { } e2 ? $"ImportEntity.{e2}" : "AuditAction.ImportedRecords", AuditKind.Customers);
        }
        return (UnknownKey, null, AuditKind.Other);
    }

    /// <summary>Every key the table and <see cref="Describe"/> can return, for the strings test.</summary>
    public static IEnumerable<string> AllKeys() =>
        Table.Select(a => a.TextKey)
            .Concat([UnknownKey, "AuditAction.Imported", "AuditAction.ImportedRecords"])
            .Concat(Enum.GetValues<Customers.Import.ImportEntity>().Select(e => $"ImportEntity.{e}"))
            .Concat(Enum.GetValues<AuditKind>().Select(k => $"AuditKind.{k}"));
}
