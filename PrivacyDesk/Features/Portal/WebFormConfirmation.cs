using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Portal;

/// <summary>
/// A web-form request, for a merchant that asks for it (the default), waits apart from the queue until
/// the requester confirms the address through the portal's code: a typo in the form must not have the
/// office answer a stranger. The legal clock still runs from receipt, as the law says: the officer sees
/// these requests in their own view (status "unconfirmed") and can act on them.
/// </summary>
public sealed class WebFormConfirmation(IOptions<PortalOptions> options, IOptions<MailOptions> mail, UiText text, TimeProvider clock)
{
    /// <summary>Marks the request and emails its link, in the caller's unit of work; false when nothing was asked.</summary>
    public async Task<bool> AskAsync(PrivacyDeskDbContext ctx, PrivacyRequest r, Merchant merchant, Uri requestBase, CancellationToken ct)
    {
        if (!merchant.ConfirmWebFormEmail || string.IsNullOrWhiteSpace(r.RequesterEmail) || r.Status == RequestStatus.Merged) return false;
        var (token, link) = await PortalLinkFactory.NewAsync(ctx, r, clock, options.Value.LinkDays, ct);
        r.AwaitingEmailConfirmation = true;
        var language = r.Language == "fr" ? "fr" : "en";
        var url = PortalLinkFactory.Url(options.Value.BaseFor(requestBase), token);
        var body = string.Format(text.Get("Portal.ConfirmMail.Body", language), r.RequesterName, r.Reference, url,
            Documents.DocText.For(text, language, merchant).Date(link.ExpiresAt), merchant.Name);
        var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.PortalLinkSent, null, new { to = link.Email, expires = link.ExpiresAt, confirmation = true });
        OutboxQueue.Enqueue(ctx, r, merchant, evt, OutboxKind.Notice, link.Email,
            string.Format(text.Get("Portal.ConfirmMail.Subject", language), merchant.Name, r.Reference), body, mail.Value.DefaultFrom, clock).ForgetBodyOnceSent = true;
        return true;
    }
}
