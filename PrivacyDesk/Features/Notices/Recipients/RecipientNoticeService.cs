using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Notices.Recipients;

/// <summary>How the officer sends one recipient its notice.</summary>
public sealed class RecipientSendInput
{
    public NoticeChannel Channel { get; set; } = NoticeChannel.Email;
    public string? Email { get; set; }
    public string? PostalAddress { get; set; }
    public string Language { get; set; } = "en";
}

public sealed record RecipientResult(bool Ok, string? Error = null, string? Field = null, bool Conflict = false);

/// <summary>
/// Telling the recipients of a person's data about a rectification or erasure (GDPR art. 19; Quebec s. 28 for
/// information communicated to others): each one by email through the outbox, threaded on the request so their
/// confirmation comes back to it, or by a PDF letter filed on the timeline; their confirmation recorded; a waiver
/// with its reason where telling them is impossible or would take disproportionate effort; and the list given
/// to the requester. Every step is on the timeline and in the audit.
/// </summary>
public sealed class RecipientNoticeService(Db db, CurrentStaff staff, UiText text, IOptions<MailOptions> mail, TimeProvider clock)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    public async Task<bool> CanManageAsync(CancellationToken ct = default) => Officers.Any((await staff.GetAsync(ct)).IsInRole);

    private async Task<StaffIdentity> RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Officers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only a privacy officer or an administrator tells recipients.");
        return me;
    }

    public async Task<IReadOnlyList<RecipientNotice>> ForRequestAsync(int requestId, CancellationToken ct = default)
    {
        if (!await CanManageAsync(ct)) return [];
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.RecipientNotices.AsNoTracking().Where(n => n.RequestId == requestId).OrderBy(n => n.Change).ThenBy(n => n.RecipientName).ToListAsync(ct);
    }

    /// <summary>The requests with recipients still to tell, and how many each (the home page's task list).</summary>
    public async Task<IReadOnlyList<(int RequestId, string Reference, int Count)>> OpenByRequestAsync(CancellationToken ct = default)
    {
        if (!await CanManageAsync(ct)) return [];
        await using var ctx = await db.OpenAsync(ct);
        var rows = await ctx.RecipientNotices.AsNoTracking().Where(n => n.Status == RecipientNoticeStatus.ToTell)
            .Join(ctx.Requests, n => n.RequestId, r => r.Id, (n, r) => new { r.Id, r.Reference })
            .GroupBy(x => new { x.Id, x.Reference }).Select(g => new { g.Key.Id, g.Key.Reference, Count = g.Count() })
            .OrderBy(x => x.Id).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Reference, r.Count)).ToList();
    }

    /// <summary>
    /// The notice exactly as the recipient would receive it in <paramref name="language"/>, for the officer to read
    /// before sending (what it says of the person, and the old and new values); null when the notice is not theirs.
    /// </summary>
    public async Task<(string Subject, string Body)?> PreviewAsync(long noticeId, string language, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        language = language == "fr" ? "fr" : "en";
        await using var ctx = await db.OpenAsync(ct);
        var n = await ctx.RecipientNotices.AsNoTracking().FirstOrDefaultAsync(x => x.Id == noticeId, ct);
        if (n is null) return null;
        var request = await ctx.Requests.AsNoTracking().FirstAsync(r => r.Id == n.RequestId, ct);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == n.MerchantId, ct);
        var templates = await NoticeTemplates.ForAsync(ctx, TemplatePurpose.RecipientNotice, ct);
        if (!templates.TryGetValue(language, out var template)) return null;
        return NoticeTemplates.Render(template, Model(n, request, merchant, language, JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province)));
    }

    public async Task<RecipientResult> SendAsync(long noticeId, Guid version, RecipientSendInput input, CancellationToken ct = default)
    {
        var me = await RequireAsync(ct);
        var language = input.Language == "fr" ? "fr" : "en";
        var email = input.Email?.Trim();
        var postal = input.PostalAddress?.Trim();
        if (input.Channel == NoticeChannel.Email && (string.IsNullOrEmpty(email) || !RequestIntake.LooksLikeEmail(email))) return new(false, text["Users.InvalidEmail"], "email");
        if (input.Channel == NoticeChannel.Letter && string.IsNullOrEmpty(postal)) return new(false, text["RecipientNotice.AddressRequired"], "postal");
        await using var ctx = await db.OpenAsync(ct);
        var n = await ctx.RecipientNotices.FirstOrDefaultAsync(x => x.Id == noticeId, ct);
        if (n is null) return new(false, text["RecipientNotice.NotFound"]);
        if (n.Version != version) return new(false, text["Concurrency.Changed"], Conflict: true);
        // A second click finds it sent: nothing goes twice.
        if (n.Status != RecipientNoticeStatus.ToTell) return new(false, text["RecipientNotice.AlreadyDone"], Conflict: true);
        var request = await ctx.Requests.FirstAsync(r => r.Id == n.RequestId, ct);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == n.MerchantId, ct);
        var templates = await NoticeTemplates.ForAsync(ctx, TemplatePurpose.RecipientNotice, ct);
        if (!templates.TryGetValue(language, out var template)) return new(false, text.Format("Campaign.NoTemplate", text[$"LanguageName.{language}"]));
        var today = JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province);
        var (subject, body) = NoticeTemplates.Render(template, Model(n, request, merchant, language, today));

        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        (n.Channel, n.Language, n.Status, n.SentAt, n.SentBy) = (input.Channel, language, RecipientNoticeStatus.Sent, clock.GetUtcNow(), me.DisplayName);
        var evt = RequestIntake.AddEvent(ctx, request, RequestEventKind.RecipientNotice, body,
            new { action = input.Channel == NoticeChannel.Email ? "Emailed" : "Posted", recipient = n.RecipientName, change = n.Change.ToString(), subject, language });
        if (input.Channel == NoticeChannel.Email)
        {
            n.Email = email;
            var message = OutboxQueue.Enqueue(ctx, request, merchant, evt, OutboxKind.RecipientNotice, email!, subject, body, mail.Value.DefaultFrom, clock);
            (message.ToName, message.Language) = (n.RecipientName, language);
        }
        else
        {
            n.PostalAddress = postal;
            var t = DocText.For(text, language, merchant, request.Jurisdiction);
            var pdf = PdfRenderer.Render(LetterBuilder.Build(request, merchant, subject, body, today, t, [n.RecipientName, postal!]));
            evt.Attachments.Add(new RequestAttachment
            {
                MerchantId = request.MerchantId, FileName = FileNames.ForDownload($"{(language == "fr" ? "avis-destinataire" : "recipient-notice")}-{n.RecipientName}-{request.Reference}.pdf"),
                ContentType = "application/pdf", SizeBytes = pdf.LongLength, Content = pdf,
            });
        }
        request.UpdatedAt = clock.GetUtcNow();
        ctx.Audit("recipient.notice-sent", nameof(PrivacyRequest), request.Id, request.MerchantId,
            new { request.Reference, recipient = n.RecipientName, change = n.Change.ToString(), channel = input.Channel.ToString(), to = email ?? "post", language });
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, text["Concurrency.Changed"], Conflict: true); }
        await tx.CommitAsync(ct);
        return new(true);
    }

    /// <summary>The recipient said it is done (a reply, a letter, a call): recorded with what they said.</summary>
    public Task<RecipientResult> ConfirmAsync(long noticeId, Guid version, string? note, CancellationToken ct = default) =>
        CloseAsync(noticeId, version, RecipientNoticeStatus.Confirmed, note, requireNote: false, ct);

    /// <summary>Telling this recipient is impossible or would take disproportionate effort (art. 19): the reason is required.</summary>
    public Task<RecipientResult> WaiveAsync(long noticeId, Guid version, string? reason, CancellationToken ct = default) =>
        CloseAsync(noticeId, version, RecipientNoticeStatus.Waived, reason, requireNote: true, ct);

    private async Task<RecipientResult> CloseAsync(long noticeId, Guid version, RecipientNoticeStatus to, string? note, bool requireNote, CancellationToken ct)
    {
        var me = await RequireAsync(ct);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (requireNote && note is null) return new(false, text["RecipientNotice.ReasonRequired"], "note");
        if (note is { Length: > 2000 }) return new(false, text["RecipientNotice.NoteTooLong"], "note");
        await using var ctx = await db.OpenAsync(ct);
        var n = await ctx.RecipientNotices.FirstOrDefaultAsync(x => x.Id == noticeId, ct);
        if (n is null) return new(false, text["RecipientNotice.NotFound"]);
        if (n.Version != version) return new(false, text["Concurrency.Changed"], Conflict: true);
        var allowed = to == RecipientNoticeStatus.Confirmed ? n.Status == RecipientNoticeStatus.Sent : n.Status == RecipientNoticeStatus.ToTell;
        if (!allowed) return new(false, text[to == RecipientNoticeStatus.Confirmed ? "RecipientNotice.NotSent" : "RecipientNotice.AlreadyDone"], Conflict: true);
        var request = await ctx.Requests.FirstAsync(r => r.Id == n.RequestId, ct);
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        n.Status = to;
        n.Note = note;
        (n.ConfirmedAt, n.ConfirmedBy) = (clock.GetUtcNow(), me.DisplayName);
        RequestIntake.AddEvent(ctx, request, RequestEventKind.RecipientNotice, note, new { action = to.ToString(), recipient = n.RecipientName, change = n.Change.ToString() });
        request.UpdatedAt = clock.GetUtcNow();
        ctx.Audit(to == RecipientNoticeStatus.Confirmed ? "recipient.notice-confirmed" : "recipient.notice-waived", nameof(PrivacyRequest), request.Id, request.MerchantId,
            new { request.Reference, recipient = n.RecipientName, change = n.Change.ToString(), note });
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(false, text["Concurrency.Changed"], Conflict: true); }
        await tx.CommitAsync(ct);
        return new(true);
    }

    /// <summary>
    /// Gives the requester the list of recipients (GDPR art. 19, second sentence: "if the data subject requests it"),
    /// by email to the request's address, in the request's language, with where each notice stands.
    /// </summary>
    public async Task<RecipientResult> SendListToRequesterAsync(int requestId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, text["Requests.NotFound"]);
        var notices = await ctx.RecipientNotices.AsNoTracking().Where(n => n.RequestId == requestId).OrderBy(n => n.RecipientName).ToListAsync(ct);
        if (notices.Count == 0) return new(false, text["RecipientNotice.NoneToList"]);
        var language = request.Language == "fr" ? "fr" : "en";
        var templates = await NoticeTemplates.ForAsync(ctx, TemplatePurpose.RecipientList, ct);
        if (!templates.TryGetValue(language, out var template)) return new(false, text.Format("Campaign.NoTemplate", text[$"LanguageName.{language}"]));
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        var t = DocText.For(text, language, merchant, request.Jurisdiction);
        var today = JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province);
        var model = NoticeTemplates.Model(language, merchant, request.RequesterName, await TemplateModel.GenderAsync(ctx, request, ct), today);
        model["change"] = new { erasure = notices.Any(n => n.Change == RecipientChange.Erasure) };
        // One line per recipient; told of two changes, the line says where the less advanced one stands.
        model["recipients"] = string.Join("\n", notices.GroupBy(n => n.RecipientName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(n => Progress(n.Status)).First()).Select(n => "– " + t.F($"RecipientNotice.Line.{n.Status}", n.RecipientName,
            n.SentAt is { } s ? t.Date(s) : "", n.ConfirmedAt is { } c ? t.Date(c) : "")));
        model["request"] = new { reference = request.Reference };
        var (subject, body) = NoticeTemplates.Render(template, model);
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var byPost = string.IsNullOrWhiteSpace(request.RequesterEmail);
        var evt = RequestIntake.AddEvent(ctx, request, RequestEventKind.RecipientNotice, body,
            new { action = "ListSent", count = notices.Count, subject, to = byPost ? "post" : request.RequesterEmail });
        if (byPost)
        {
            // No email address: the same words as a letter on the merchant's letterhead, filed on the timeline to be posted.
            var pdf = PdfRenderer.Render(LetterBuilder.Build(request, merchant, subject, body, today, t));
            evt.Attachments.Add(new RequestAttachment { MerchantId = request.MerchantId, ContentType = "application/pdf", SizeBytes = pdf.LongLength, Content = pdf,
                FileName = $"{(language == "fr" ? "liste-destinataires" : "recipient-list")}-{request.Reference}.pdf" });
        }
        else OutboxQueue.Enqueue(ctx, request, merchant, evt, OutboxKind.RecipientList, request.RequesterEmail!, subject, body, mail.Value.DefaultFrom, clock);
        request.UpdatedAt = clock.GetUtcNow();
        ctx.Audit("recipient.list-sent", nameof(PrivacyRequest), request.Id, request.MerchantId, new { request.Reference, recipients = notices.Count, to = byPost ? "post" : request.RequesterEmail });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true);
    }

    private static int Progress(RecipientNoticeStatus s) => s switch
    {
        RecipientNoticeStatus.ToTell => 0, RecipientNoticeStatus.Sent => 1, RecipientNoticeStatus.Waived => 2, _ => 3,
    };

    /// <summary>What the recipient is told: who, what they received, what changed (old and new value), under which reference.</summary>
    private Dictionary<string, object> Model(RecipientNotice n, PrivacyRequest request, Admin.Merchants.Merchant merchant, string language, DateOnly today)
    {
        var model = NoticeTemplates.Model(language, merchant, n.RecipientName, null, today, organisation: true);
        var lines = RecipientList.Changes(n).Select(f => text.Get("RecipientNotice.ChangeLine", language)
            .Replace("{0}", Enum.TryParse<RectifiableField>(f.Field, out var field) ? text.Get($"Field.{field}", language) : f.Field)
            .Replace("{1}", f.Old ?? text.Get("RecipientNotice.Empty", language))
            .Replace("{2}", f.New ?? text.Get("RecipientNotice.Removed", language)));
        model["person"] = new { name = n.PersonName, reference = n.PersonReference };
        model["received"] = RecipientList.Received(n, language);
        model["change"] = new { erasure = n.Change == RecipientChange.Erasure, lines = string.Join("\n", lines) };
        model["request"] = new { reference = request.Reference };
        return model;
    }
}
