using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Portal;

/// <summary>A response document on the timeline that may be released: the access response's PDF and ZIP, or a letter.</summary>
public sealed record ReleasableDocument(long EventId, DateTimeOffset At, string Label, IReadOnlyList<(long Id, string FileName)> Files);

/// <summary>What the officer sees of a request's portal.</summary>
public sealed record PortalStatus(PortalLink? Link, IReadOnlyList<ReleasableDocument> Documents, IReadOnlyList<PortalFile> Released,
    int Downloads, DateTimeOffset? LastDownloadAt, DateTimeOffset? ResponseSentAt, bool HasEmail);

/// <summary>
/// The officer's side of the requester portal: send (and so renew) the link, revoke it, and release the
/// response, which is an act: recorded, audited, "response sent on" set, and the person told by an email
/// that holds no personal data beyond their name. The postal route records the same release, by post.
/// </summary>
public sealed class PortalLinks(Db db, CurrentStaff staff, IOptions<PortalOptions> options, IOptions<MailOptions> mail, UiText text, TimeProvider clock)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    public async Task<bool> CanManageAsync(CancellationToken ct = default) => Officers.Any((await staff.GetAsync(ct)).IsInRole);

    public async Task<PortalStatus?> StatusAsync(int requestId, CancellationToken ct = default)
    {
        if (!await CanManageAsync(ct)) return null;
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return null;
        var link = await ctx.PortalLinks.AsNoTracking().Where(l => l.RequestId == requestId).OrderByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        var events = await ctx.RequestEvents.AsNoTracking().Where(e => e.RequestId == requestId
            && (e.Kind == RequestEventKind.Document || e.Kind == RequestEventKind.ResponseReleased || e.Kind == RequestEventKind.PortalDownload)).ToListAsync(ct);
        var documentIds = events.Where(e => e.Kind == RequestEventKind.Document).Select(e => e.Id).ToList();
        var files = await ctx.RequestAttachments.AsNoTracking().Where(a => documentIds.Contains(a.EventId))
            .Select(a => new { a.Id, a.EventId, a.FileName, a.SizeBytes }).ToListAsync(ct);
        var documents = events.Where(e => e.Kind == RequestEventKind.Document).OrderByDescending(e => e.At)
            .Select(e => new ReleasableDocument(e.Id, e.At, e.Text ?? "", files.Where(f => f.EventId == e.Id).Select(f => (f.Id, f.FileName)).ToList()))
            .Where(d => d.Files.Count > 0).ToList();
        var released = RequesterPortal.ReleasedIds(events);
        var downloads = events.Where(e => e.Kind == RequestEventKind.PortalDownload).ToList();
        return new PortalStatus(link, documents,
            files.Where(f => released.ContainsKey(f.Id)).Select(f => new PortalFile(f.Id, f.FileName, f.SizeBytes, released[f.Id])).ToList(),
            downloads.Count, downloads.Count == 0 ? null : downloads.Max(d => d.At), request.ResponseSentAt, !string.IsNullOrWhiteSpace(request.RequesterEmail));
    }

    /// <summary>Emails a new link to the requester (any earlier one stops working). <paramref name="staffBase"/>: the app's address as staff reach it, unless Portal:PublicUrl says otherwise.</summary>
    public Task<RequestResult> SendLinkAsync(int requestId, Uri staffBase, CancellationToken ct = default) =>
        MutateAsync(requestId, "portal.link-sent", ct, async (ctx, r, merchant) =>
        {
            if (string.IsNullOrWhiteSpace(r.RequesterEmail)) return text["Portal.NoEmail"];
            if (r.Status is RequestStatus.Merged or RequestStatus.Withdrawn) return text["Portal.NotForThisRequest"];
            var (token, link) = await NewLinkAsync(ctx, r);
            var language = r.Language == "fr" ? "fr" : "en";
            var body = string.Format(text.Get("Portal.LinkMail.Body", language), r.RequesterName, r.Reference, Url(options.Value.BaseFor(staffBase), token),
                Documents.DocText.For(text, language, merchant).Date(link.ExpiresAt), merchant.Name);
            var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.PortalLinkSent, null, new { to = link.Email, expires = link.ExpiresAt });
            OutboxQueue.Enqueue(ctx, r, merchant, evt, OutboxKind.Notice, link.Email, string.Format(text.Get("Portal.LinkMail.Subject", language), merchant.Name, r.Reference),
                body, mail.Value.DefaultFrom, clock).ForgetBodyOnceSent = true;
            return null;
        });

    /// <summary>
    /// A new link to print in a letter (the postal acknowledgement): shown once, on the page that prints it; any
    /// earlier link stops working. The code still goes to the request's email address, so the letter needs one.
    /// </summary>
    public async Task<(RequestResult Result, string? Url)> LinkForLetterAsync(int requestId, Uri staffBase, CancellationToken ct = default)
    {
        string? url = null;
        var result = await MutateAsync(requestId, "portal.link-printed", ct, async (ctx, r, _) =>
        {
            if (string.IsNullOrWhiteSpace(r.RequesterEmail)) return text["Portal.NoEmail"];
            if (r.Status is RequestStatus.Merged or RequestStatus.Withdrawn) return text["Portal.NotForThisRequest"];
            var (token, link) = await NewLinkAsync(ctx, r);
            url = Url(options.Value.BaseFor(staffBase), token);
            RequestIntake.AddEvent(ctx, r, RequestEventKind.PortalLinkSent, null, new { to = "letter", expires = link.ExpiresAt });
            return null;
        });
        return (result, result.Succeeded ? url : null);
    }

    public Task<RequestResult> RevokeAsync(int requestId, CancellationToken ct = default) =>
        MutateAsync(requestId, "portal.link-revoked", ct, async (ctx, r, _) =>
        {
            var live = await LiveLinksAsync(ctx, r.Id, ct);
            if (live.Count == 0) return text["Portal.NoLiveLink"];
            Revoke(ctx, live);
            RequestIntake.AddEvent(ctx, r, RequestEventKind.PortalLinkRevoked, null);
            return null;
        });

    /// <summary>
    /// Releases a response document's files to the requester: they can download them from the portal, and
    /// are told by email, with a fresh link, that it is ready. Sets "response sent on".
    /// </summary>
    public Task<RequestResult> ReleaseAsync(int requestId, long documentEventId, Uri staffBase, CancellationToken ct = default) =>
        MutateAsync(requestId, "portal.response-released", ct, async (ctx, r, merchant) =>
        {
            if (string.IsNullOrWhiteSpace(r.RequesterEmail)) return text["Portal.NoEmail"];
            var files = await DocumentFilesAsync(ctx, r.Id, documentEventId, ct);
            if (files.Count == 0) return text["Portal.NoSuchDocument"];
            var (token, link) = await NewLinkAsync(ctx, r);
            var now = clock.GetUtcNow();
            var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.ResponseReleased, string.Join(", ", files.Select(f => f.FileName)),
                new { channel = "portal", attachments = files.Select(f => f.Id), to = link.Email });
            r.ResponseSentAt ??= now;
            var language = r.Language == "fr" ? "fr" : "en";
            // The email says only that something is ready, behind the link and the code: no data in it.
            var body = string.Format(text.Get("Portal.ReadyMail.Body", language), r.RequesterName, r.Reference, Url(options.Value.BaseFor(staffBase), token),
                Documents.DocText.For(text, language, merchant).Date(link.ExpiresAt), merchant.Name);
            OutboxQueue.Enqueue(ctx, r, merchant, evt, OutboxKind.Notice, link.Email, string.Format(text.Get("Portal.ReadyMail.Subject", language), merchant.Name, r.Reference),
                body, mail.Value.DefaultFrom, clock).ForgetBodyOnceSent = true;
            return null;
        });

    /// <summary>The postal route: the officer printed and posted the response; the same release record, by post.</summary>
    public Task<RequestResult> RecordPostedAsync(int requestId, long documentEventId, CancellationToken ct = default) =>
        MutateAsync(requestId, "portal.response-posted", ct, async (ctx, r, _) =>
        {
            var files = await DocumentFilesAsync(ctx, r.Id, documentEventId, ct);
            if (files.Count == 0) return text["Portal.NoSuchDocument"];
            RequestIntake.AddEvent(ctx, r, RequestEventKind.ResponseReleased, string.Join(", ", files.Select(f => f.FileName)),
                new { channel = "post", documents = files.Select(f => f.Id), to = r.RequesterPostalAddress });
            r.ResponseSentAt ??= clock.GetUtcNow();
            return null;
        });

    private static string Url(Uri appBase, string token) => PortalLinkFactory.Url(appBase, token);

    private Task<(string Token, PortalLink Link)> NewLinkAsync(PrivacyDeskDbContext ctx, PrivacyRequest r) =>
        PortalLinkFactory.NewAsync(ctx, r, clock, options.Value.LinkDays, CancellationToken.None);

    private async Task<List<PortalLink>> LiveLinksAsync(PrivacyDeskDbContext ctx, int requestId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return (await ctx.PortalLinks.Where(l => l.RequestId == requestId && l.RevokedAt == null).ToListAsync(ct)).Where(l => l.IsLive(now)).ToList();
    }

    private void Revoke(PrivacyDeskDbContext ctx, IEnumerable<PortalLink> links)
    {
        foreach (var l in links)
        {
            l.RevokedAt = clock.GetUtcNow();
            l.RevokedByName = ctx.Actor.Name;
            l.Version = Guid.NewGuid();
        }
    }

    private static async Task<List<(long Id, string FileName)>> DocumentFilesAsync(PrivacyDeskDbContext ctx, int requestId, long eventId, CancellationToken ct) =>
        (await ctx.RequestAttachments.AsNoTracking()
            .Where(a => a.EventId == eventId && ctx.RequestEvents.Any(e => e.Id == eventId && e.RequestId == requestId && e.Kind == RequestEventKind.Document))
            .Select(a => new { a.Id, a.FileName }).ToListAsync(ct)).Select(a => (a.Id, a.FileName)).ToList();

    private async Task<RequestResult> MutateAsync(int requestId, string action, CancellationToken ct,
        Func<PrivacyDeskDbContext, PrivacyRequest, Admin.Merchants.Merchant, Task<string?>> change)
    {
        if (!await CanManageAsync(ct)) throw new UnauthorizedAccessException();
        await using var ctx = await db.OpenAsync(ct);
        var r = await ctx.Requests.FirstOrDefaultAsync(x => x.Id == requestId, ct);
        if (r is null) return new(false, text["Requests.NotFound"]);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == r.MerchantId, ct);
        if (await change(ctx, r, merchant) is { } error) return new(false, error);
        r.UpdatedAt = clock.GetUtcNow();
        r.Version = Guid.NewGuid();
        ctx.Audit(action, nameof(PrivacyRequest), r.Id, r.MerchantId, new { r.Reference });
        await ctx.SaveChangesAsync(ct);
        return new(true, null, r);
    }
}
