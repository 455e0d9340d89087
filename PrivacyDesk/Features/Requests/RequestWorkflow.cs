using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Requests;

/// <summary>A staff member who can be assigned requests.</summary>
public sealed record Assignee(string Id, string Name);

/// <summary>
/// Everything staff do to a request after it is opened. Each command checks the role, the state
/// machine and the version the user saw (a concurrent change is reported, never overwritten), then
/// appends a timeline event and an audit record in the same save.
/// </summary>
public sealed class RequestWorkflow(Db db, CurrentStaff staff, RequestIntake intake, UiText text, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Intake.MailOptions> mail)
{
    private static readonly string[] Handlers = [Roles.Admin, Roles.PrivacyOfficer];
    private static readonly string[] Loggers = [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep];

    public async Task<PrivacyRequest?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.AsNoTracking().Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id))
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return null;
        // Attachments' names and sizes only: their content is read when someone downloads one.
        var files = await ctx.RequestAttachments.AsNoTracking()
            .Where(a => ctx.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == id))
            .Select(a => new RequestAttachment { Id = a.Id, EventId = a.EventId, MerchantId = a.MerchantId, FileName = a.FileName,
                ContentType = a.ContentType, SizeBytes = a.SizeBytes, Content = Array.Empty<byte>() })
            .ToListAsync(ct);
        foreach (var e in request.Events) e.Attachments = files.Where(f => f.EventId == e.Id).ToList();
        return request;
    }

    /// <summary>A request logged by staff (phone call, letter, counter visit).</summary>
    public async Task<PrivacyRequest> LogAsync(NewRequest cmd, CancellationToken ct = default)
    {
        await RequireAsync(Loggers, ct);
        await using var ctx = await db.OpenAsync(ct);
        return await intake.OpenAsync(ctx, cmd, ct);
    }

    /// <summary>Who can be given a merchant's requests; nobody for a merchant outside the caller's scope (staff names are merchant data too).</summary>
    public async Task<IReadOnlyList<Assignee>> AssigneesAsync(int merchantId, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        if (!ctx.Scope.Allows(merchantId)) return [];
        var handlerRoleIds = ctx.Roles.Where(r => r.Name == Roles.PrivacyOfficer || r.Name == Roles.Admin).Select(r => r.Id);
        return await ctx.Users.AsNoTracking()
            .Where(u => ctx.UserRoles.Any(ur => ur.UserId == u.Id && handlerRoleIds.Contains(ur.RoleId)))
            .Where(u => u.Merchants.Any(m => m.MerchantId == merchantId)
                        || ctx.UserRoles.Any(ur => ur.UserId == u.Id && ctx.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)))
            .OrderBy(u => u.DisplayName).Select(u => new Assignee(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    public const long MaxAttachmentBytes = 10 * 1024 * 1024;
    public const int MaxAttachments = 5;

    /// <summary>A note, optionally with files (a letter's scan, a proof of authority).</summary>
    public Task<RequestResult> AddNoteAsync(int id, string note, IReadOnlyList<NewAttachment>? files = null, CancellationToken ct = default) =>
        Mutate(id, null, Loggers, "request.note-added", ct, (ctx, r) =>
        {
            files ??= [];
            if (string.IsNullOrWhiteSpace(note) && files.Count == 0) return Problem.On("note", text["Requests.NoteEmpty"]);
            if (files.Count > MaxAttachments) return Problem.On("files", text.Format("Requests.TooManyFiles", MaxAttachments));
            if (files.FirstOrDefault(f => f.Content.Length > MaxAttachmentBytes) is { } big)
                return Problem.On("files", text.Format("Requests.FileTooBig", big.FileName, MaxAttachmentBytes / 1024 / 1024));
            var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.Note, string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
                files.Count == 0 ? null : new { files = files.Select(f => f.FileName) });
            evt.Attachments.AddRange(files.Select(f => new RequestAttachment
            {
                MerchantId = r.MerchantId,
                FileName = Documents.FileNames.ForDownload(f.FileName),
                ContentType = string.IsNullOrWhiteSpace(f.ContentType) ? "application/octet-stream" : f.ContentType,
                SizeBytes = f.Content.Length,
                Content = f.Content,
            }));
            return null;
        });

    /// <summary>
    /// An attachment for download; the download is audited (it may hold personal information: a
    /// person's whole access response). Managers are refused, here as at the endpoint
    /// (Roles.ContentReaders): they see that a file exists, never its content.
    /// </summary>
    public async Task<RequestAttachment?> DownloadAttachmentAsync(int requestId, long attachmentId, CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        if (!Loggers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only officers, administrators and support reps open attachments; managers never do.");
        await using var ctx = await db.OpenAsync(ct);
        var attachment = await ctx.RequestAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && ctx.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == requestId))
            .FirstOrDefaultAsync(ct);
        if (attachment is null) return null;
        ctx.Audit("request.attachment-downloaded", nameof(PrivacyRequest), requestId, attachment.MerchantId, new { attachment.FileName, attachment.Id });
        await ctx.SaveChangesAsync(ct);
        return attachment;
    }

    public Task<RequestResult> AssignAsync(int id, Guid? version, Assignee? assignee, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.assigned", ct, (ctx, r) =>
        {
            r.AssigneeId = assignee?.Id;
            r.AssigneeName = assignee?.Name;
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Assigned, null, new { assignee = assignee?.Name });
            return null;
        });

    /// <summary>Assigns several requests at once; returns how many were assigned (closed ones are skipped).</summary>
    public async Task<int> BulkAssignAsync(IReadOnlyCollection<int> ids, Assignee? assignee, CancellationToken ct = default)
    {
        var done = 0;
        foreach (var id in ids)
            if ((await AssignAsync(id, null, assignee, ct)).Succeeded) done++;
        return done;
    }

    /// <summary>
    /// Records that receipt was acknowledged. Allowed in any open state: a request whose identity
    /// proof was asked for first, or that is already in progress, still owes the person an
    /// acknowledgement (only a New request moves to Acknowledged; the others keep their status).
    /// </summary>
    public Task<RequestResult> AcknowledgeAsync(int id, Guid version, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.acknowledged", ct, (ctx, r) =>
        {
            if (r.AcknowledgedAt is not null) return text["Requests.AlreadyAcknowledged"];
            if (!r.IsOpen) return text["Requests.NotOpen"];
            MarkAcknowledged(ctx, r, byReply: false);
            return null;
        });

    /// <summary>Acknowledgement done: New moves to Acknowledged (the status change is the timeline's entry); any other open state keeps its status and gets an Acknowledged entry.</summary>
    private void MarkAcknowledged(PrivacyDeskDbContext ctx, PrivacyRequest r, bool byReply)
    {
        r.AcknowledgedAt = clock.GetUtcNow();
        if (r.Status == RequestStatus.New) Move(r, RequestStatus.Acknowledged, ctx);
        else RequestIntake.AddEvent(ctx, r, RequestEventKind.Acknowledged, null, byReply ? new { byReply = true } : null);
    }

    public Task<RequestResult> RequestVerificationAsync(int id, Guid version, string? note, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.verification-requested", ct, (ctx, r) =>
        {
            var error = Move(r, RequestStatus.AwaitingVerification, ctx);
            if (error is not null) return error;
            r.VerificationRequestedAt = clock.GetUtcNow();
            RequestIntake.AddEvent(ctx, r, RequestEventKind.VerificationRequested, note);
            return null;
        });

    public Task<RequestResult> VerifyIdentityAsync(int id, Guid version, IdentityVerificationMethod method, string evidence, CancellationToken ct = default) =>
        VerifyIdentityAsync(id, version, (IdentityVerificationMethod?)method, evidence, ct);

    /// <summary>
    /// Records how identity was checked: the method is the one the officer chose (none is assumed:
    /// without a choice the form says so on the field), the evidence what they wrote.
    /// </summary>
    public Task<RequestResult> VerifyIdentityAsync(int id, Guid version, IdentityVerificationMethod? chosen, string evidence, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.identity-verified", ct, (ctx, r) =>
        {
            if (chosen is not IdentityVerificationMethod method || !Enum.IsDefined(method)) return Problem.On("method", text["Verify.MethodRequired"]);
            if (string.IsNullOrWhiteSpace(evidence)) return Problem.On("evidence", text["Requests.EvidenceRequired"]);
            if (r.VerifiedAt is not null) return text["Requests.AlreadyVerified"];
            if (!r.IsOpen) return text["Requests.NotOpen"];
            // Relying on the portal's code needs the code to have been entered, for the request's own address.
            if (method == IdentityVerificationMethod.EmailCodeConfirmed && !ctx.PortalLinks.Any(l => l.RequestId == r.Id && l.EmailConfirmedAt != null
                    && r.RequesterEmail != null && l.Email.ToLower() == r.RequesterEmail.ToLower()))
                return Problem.On("method", text["Verify.EmailNotConfirmed"]);
            var now = clock.GetUtcNow();
            if (r.VerificationRequestedAt is { } asked)
                r.PausedDays += Math.Max(0, (DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(asked.UtcDateTime).DayNumber));
            r.VerifiedAt = now;
            r.VerificationMethod = method;
            r.VerificationEvidence = evidence.Trim();
            r.VerifiedById = ctx.Actor.Id;
            r.VerifiedByName = ctx.Actor.Name;
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Verified, evidence.Trim(), new { method = method.ToString() });
            return r.Status is RequestStatus.InProgress ? null : Move(r, RequestStatus.InProgress, ctx);
        });

    /// <summary>Extends the legal deadline where the law allows it; the reason goes into the notice to the requester.</summary>
    public Task<RequestResult> ExtendAsync(int id, Guid version, string reason, CancellationToken ct = default) =>
        MutateAsync(id, version, Handlers, "request.extended", ct, async (ctx, r) =>
        {
            if (string.IsNullOrWhiteSpace(reason)) return Problem.On("extendReason", text["Requests.ReasonRequired"]);
            if (!r.IsOpen) return text["Requests.NotOpen"];
            if (r.ExtendedDue is not null) return text["Requests.AlreadyExtended"];
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == r.MerchantId);
            var deadlines = intake.DeadlinesFor(merchant, r.Jurisdiction, r.ReceivedAt, r.Types);
            if (deadlines.ExtendedDueIfExtended is not { } extended) return text["Requests.NoExtensionInJurisdiction"];
            var today = Deadlines.JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province);
            // The notice of extension must reach the person before the original deadline.
            if (today > r.LegalDue) return text["Requests.ExtensionTooLate"];
            r.ExtendedDue = extended;
            r.EffectiveDue = extended;
            r.ExtensionReason = reason.Trim();
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Extended, reason.Trim(), new { from = r.LegalDue, to = extended });
            QueueExtensionNotice(ctx, r, merchant, today, await ExtensionTemplateAsync(ctx, r), await Templates.TemplateModel.GenderAsync(ctx, r));
            return null;
        });

    /// <summary>
    /// Records the decision with the reason the requester will read. Disclosing (fulfilling an access
    /// or portability request) is refused until identity has been verified on this very request.
    /// </summary>
    public Task<RequestResult> DecideAsync(int id, Guid version, RequestOutcome outcome, string reason, CancellationToken ct = default) =>
        DecideAsync(id, version, outcome, reason, ground: null, ct);

    /// <param name="ground">Required for a refusal or a partial refusal: the letter cites its provision of law.</param>
    public Task<RequestResult> DecideAsync(int id, Guid version, RequestOutcome outcome, string reason, RefusalGround? ground, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.decided", ct, (ctx, r) =>
        {
            if (DecisionProblem(r, outcome, reason, ground) is { } problem) return problem;
            var refuses = outcome is RequestOutcome.Refused or RequestOutcome.PartiallyFulfilled;
            var error = Move(r, RequestStatus.Decided, ctx);
            if (error is not null) return error;
            r.Outcome = outcome;
            r.OutcomeReason = reason.Trim();
            r.RefusalGround = refuses ? ground : null;
            r.DecidedAt = clock.GetUtcNow();
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Decided, reason.Trim(), new { outcome = outcome.ToString(), ground = r.RefusalGround?.ToString() });
            return null;
        });

    /// <summary>
    /// What would refuse this decision on this request, checked before the officer is asked to
    /// confirm it (a refusal is confirmed once it is complete); null when nothing would. DecideAsync
    /// checks it again on the request as stored.
    /// </summary>
    public RequestResult? CheckDecision(PrivacyRequest r, RequestOutcome outcome, string reason, RefusalGround? ground) =>
        DecisionProblem(r, outcome, reason, ground) is { } p ? RequestResult.Fail(p.Message, p.Field) : null;

    private Problem? DecisionProblem(PrivacyRequest r, RequestOutcome outcome, string reason, RefusalGround? ground)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Problem.On("decisionReason", text["Requests.ReasonRequired"]);
        // The person reads this ground, and the regulator may: "x" is not one.
        if (outcome == RequestOutcome.Refused && (reason.Trim().Length < 20 || reason.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3))
            return Problem.On("decisionReason", text["Requests.RefusalGroundTooShort"]);
        var refuses = outcome is RequestOutcome.Refused or RequestOutcome.PartiallyFulfilled;
        if (refuses && ground is null) return Problem.On("refusalGround", text["Requests.RefusalGroundRequired"]);
        if (refuses && !RefusalGrounds.Applies(ground!.Value, r.Jurisdiction, r.Types))
            return Problem.On("refusalGround", text.Format("Requests.RefusalGroundNotInRegime", text[$"Ground.{ground}"], text[$"Rule.{r.Jurisdiction}.Short"]));
        if (outcome != RequestOutcome.Refused && DisclosesData(r) && r.VerifiedAt is null) return text["Requests.VerifyFirst"];
        return null;
    }

    /// <summary>
    /// Closes a request. An access or portability request that was granted (in whole or part) but whose
    /// response was never released or posted asks for the reason, which goes on the timeline.
    /// </summary>
    public Task<RequestResult> CloseAsync(int id, Guid version, string? reasonWithoutResponse = null, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.closed", ct, (ctx, r) =>
        {
            var unsent = DisclosesData(r) && r.Outcome is not RequestOutcome.Refused && r.ResponseSentAt is null;
            if (unsent && string.IsNullOrWhiteSpace(reasonWithoutResponse)) return Problem.On("closeReason", text["Requests.CloseWithoutResponse"]);
            var error = Move(r, RequestStatus.Closed, ctx);
            if (error is not null) return error;
            r.ClosedAt = clock.GetUtcNow();
            if (unsent) RequestIntake.AddEvent(ctx, r, RequestEventKind.Note, reasonWithoutResponse!.Trim(), new { closedWithoutResponse = true });
            return null;
        });

    public Task<RequestResult> ReopenAsync(int id, Guid version, string reason, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.reopened", ct, (ctx, r) =>
        {
            if (string.IsNullOrWhiteSpace(reason)) return Problem.On("reason", text["Requests.ReasonRequired"]);
            var error = Move(r, RequestStatus.InProgress, ctx);
            if (error is not null) return error;
            r.ClosedAt = null;
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Reopened, reason.Trim());
            return null;
        });

    public Task<RequestResult> WithdrawAsync(int id, Guid version, string reason, CancellationToken ct = default) =>
        Mutate(id, version, Handlers, "request.withdrawn", ct, (ctx, r) =>
        {
            if (string.IsNullOrWhiteSpace(reason)) return Problem.On("reason", text["Requests.ReasonRequired"]);
            var error = Move(r, RequestStatus.Withdrawn, ctx);
            if (error is null) { r.ClosedAt = clock.GetUtcNow(); r.OutcomeReason = reason.Trim(); }
            return error;
        });

    /// <summary>
    /// Merges a duplicate into another request: the duplicate closes as Merged and both timelines
    /// keep their events. Verification is never carried over: the kept request keeps its own state.
    /// </summary>
    public Task<RequestResult> MergeAsync(int duplicateId, Guid version, int intoId, CancellationToken ct = default) =>
        MutateAsync(duplicateId, version, Handlers, "request.merged", ct, async (ctx, dup) =>
        {
            if (duplicateId == intoId) return text["Requests.MergeSelf"];
            var target = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == intoId);
            if (target is null || target.MerchantId != dup.MerchantId) return text["Requests.NotFound"];
            if (!target.IsOpen) return text["Requests.MergeTargetClosed"];
            var error = Move(dup, RequestStatus.Merged, ctx);
            if (error is not null) return error;
            dup.MergedIntoId = target.Id;
            dup.ClosedAt = clock.GetUtcNow();
            RequestIntake.AddEvent(ctx, dup, RequestEventKind.Merged, null, new { into = target.Reference, intoId = target.Id });
            RequestIntake.AddEvent(ctx, target, RequestEventKind.Merged, dup.Message.Length > 0 ? dup.Message : null,
                new { from = dup.Reference, fromId = dup.Id, fromVerified = dup.VerifiedAt is not null });
            target.UpdatedAt = clock.GetUtcNow();
            return null;
        });

    /// <summary>Links the request to a customer of the same merchant (or unlinks it with null).</summary>
    public Task<RequestResult> LinkCustomerAsync(int id, Guid version, int? customerId, CancellationToken ct = default) =>
        MutateAsync(id, version, Handlers, "request.customer-linked", ct, async (ctx, r) =>
        {
            string? label = null;
            if (customerId is int cid)
            {
                var customer = await ctx.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid && c.MerchantId == r.MerchantId);
                if (customer is null) return text["Customers.NotFound"];
                label = $"{customer.FirstName} {customer.LastName} ({customer.AccountNumber})";
            }
            r.CustomerId = customerId;
            RequestIntake.AddEvent(ctx, r, RequestEventKind.CustomerLinked, null, new { customer = label });
            return null;
        });

    /// <summary>
    /// The customer the request is linked to, named for its page, with what differs between the
    /// requester's phone and address and the record's. Null when not linked, and for managers: they
    /// oversee deadlines and figures, and do not read customer records.
    /// </summary>
    public async Task<LinkedCustomer?> LinkedCustomerAsync(PrivacyRequest r, CancellationToken ct = default)
    {
        if (r.CustomerId is not int customerId) return null;
        var me = await staff.GetAsync(ct);
        if (!Loggers.Any(me.IsInRole)) return null;
        await using var ctx = await db.OpenAsync(ct);
        var customer = await ctx.Customers.AsNoTracking().Where(c => c.Id == customerId && c.MerchantId == r.MerchantId)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.AccountNumber }).FirstOrDefaultAsync(ct);
        if (customer is null) return null;
        var points = await ctx.ContactPoints.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.ValidTo == null && p.Kind != Customers.ContactKind.Email)
            .OrderByDescending(p => p.ValidFrom).ToListAsync(ct);
        var phones = points.Where(p => p.Kind == Customers.ContactKind.Phone).Select(p => p.Value).ToList();
        var addresses = points.Where(p => p.Kind == Customers.ContactKind.Postal).Select(p => (p.Value, p.PostalCode)).ToList();
        return new LinkedCustomer(customer.Id, $"{customer.FirstName} {customer.LastName}".Trim(), customer.AccountNumber,
            ContactMatch.PhoneDiffers(r.RequesterPhone, phones), ContactMatch.AddressDiffers(r.RequesterPostalAddress, addresses),
            phones.FirstOrDefault(),
            addresses.Select(a => string.IsNullOrWhiteSpace(a.PostalCode) || a.Value.Contains(a.PostalCode, StringComparison.OrdinalIgnoreCase) ? a.Value : $"{a.Value} {a.PostalCode}").FirstOrDefault());
    }

    /// <summary>
    /// An officer corrects what intake's classifier decided (types and language). The correction is
    /// kept on the timeline and in the audit log, so classifier mistakes can be counted and fixed.
    /// </summary>
    public Task<RequestResult> CorrectClassificationAsync(int id, Guid version, IReadOnlyList<RequestType> types, string language, CancellationToken ct = default) =>
        MutateAsync(id, version, Handlers, "request.classification-corrected", ct, async (ctx, r) =>
        {
            if (types.Count == 0) return text["Log.TypeRequired"];
            if (language is not ("fr" or "en")) return text["Log.LanguageRequired"];
            var from = $"{r.TypeCodes} ({r.Language})";
            var ordered = types.Distinct().Order().ToList();
            r.Type = ordered[0];
            r.TypeCodes = RequestTypeCodes.Join(ordered);
            r.Language = language;
            RequestIntake.AddEvent(ctx, r, RequestEventKind.ClassificationCorrected, null, new { from, to = $"{r.TypeCodes} ({r.Language})" });
            // The type can decide the clock (a CCPA opt-out has 15 business days, not 45 days): an unextended request follows it.
            if (r.ExtendedDue is null)
            {
                var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == r.MerchantId);
                var deadlines = intake.DeadlinesFor(merchant, r.Jurisdiction, r.ReceivedAt, ordered);
                if (deadlines.LegalDue != r.LegalDue)
                {
                    RequestIntake.AddEvent(ctx, r, RequestEventKind.DeadlineChanged, null, new { from = r.LegalDue, to = deadlines.LegalDue, because = "type" });
                    r.EffectiveDue = r.EffectiveDue == r.LegalDue ? deadlines.LegalDue : r.EffectiveDue;
                    r.LegalDue = deadlines.LegalDue;
                    r.ReceiptConfirmationDue = deadlines.ReceiptConfirmationDue;
                }
            }
            return null;
        });

    /// <summary>Records a reply on the timeline and queues it in the outbox in the same save; the sender updates its status.</summary>
    /// <param name="attachmentIds">Files of this request's timeline (letters, the access response) to send with the reply.</param>
    /// <param name="toAnotherAddress">The officer confirmed sending files to an address that is neither the request's nor on the customer's record.</param>
    public Task<RequestResult> ReplyAsync(int id, string to, string subject, string body, IReadOnlyList<long>? attachmentIds = null,
        bool toAnotherAddress = false, CancellationToken ct = default) =>
        ReplyAsync(id, to, subject, body, attachmentIds, toAnotherAddress, templateId: null, ct);

    /// <param name="templateId">The template the officer started from: sending the acknowledgement template is the acknowledgement, so it is marked done.</param>
    public Task<RequestResult> ReplyAsync(int id, string to, string subject, string body, IReadOnlyList<long>? attachmentIds,
        bool toAnotherAddress, int? templateId, CancellationToken ct = default) =>
        MutateAsync(id, null, Handlers, "request.replied", ct, async (ctx, r) =>
        {
            if (!RequestIntake.LooksLikeEmail(to)) return Problem.On("to", text["Requests.ReplyNoAddress"]);
            if (string.IsNullOrWhiteSpace(subject)) return Problem.On("replySubject", text["Requests.ReplySubjectEmpty"]);
            if (string.IsNullOrWhiteSpace(body)) return Problem.On("replyBody", text["Requests.ReplyBodyEmpty"]);
            var ids = attachmentIds?.Distinct().ToList() ?? [];
            // Files are personal data: sent to an address nobody has on file, they need the officer's deliberate yes.
            if (ids.Count > 0 && !toAnotherAddress && !await IsAddressOnFileAsync(ctx, r, to.Trim()))
                return Problem.On("to", text.Format("Requests.AddressNotOnFile", to.Trim()));
            // Only this request's own files, without loading their content: the sender reads it when it sends.
            var files = ids.Count == 0 ? [] : await ctx.RequestAttachments.AsNoTracking()
                .Where(a => ids.Contains(a.Id) && ctx.RequestEvents.Any(e => e.Id == a.EventId && e.RequestId == r.Id))
                .Select(a => new RequestAttachment { Id = a.Id, MerchantId = a.MerchantId, FileName = a.FileName, ContentType = a.ContentType, SizeBytes = a.SizeBytes, Content = Array.Empty<byte>() })
                .ToListAsync();
            if (files.Count != ids.Count) return Problem.On("replyFiles", text["Requests.AttachmentNotFound"]);
            var cap = mail.Value.AttachmentCapMegabytes;
            if (files.Sum(f => f.SizeBytes) > cap * 1024L * 1024)
                return Problem.On("replyFiles", text.Format("Requests.AttachmentsTooLarge", (files.Sum(f => f.SizeBytes) / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture), cap));
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == r.MerchantId);
            var tagged = Intake.ThreadTags.Tagged(ctx, subject.Trim(), r.Reference);
            var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.Reply, body,
                new { to, subject = tagged, status = "queued", files = files.Count == 0 ? null : files.Select(f => f.FileName).ToList() });
            Intake.Outbox.OutboxQueue.Enqueue(ctx, r, merchant, evt, Intake.Outbox.OutboxKind.Reply, to.Trim(), tagged, body, mail.Value.DefaultFrom, clock,
                await LastInboundMessageIdAsync(ctx, r.Id), files);
            // The acknowledgement template, sent: that is the acknowledgement of receipt.
            if (templateId is int tid && r.AcknowledgedAt is null && r.IsOpen
                && await ctx.ReplyTemplates.AsNoTracking().AnyAsync(t => t.Id == tid && t.Purpose == Templates.TemplatePurpose.Acknowledgement))
                MarkAcknowledged(ctx, r, byReply: true);
            return null;
        });

    /// <summary>The request's own address, or one the linked customer has on record now.</summary>
    private static async Task<bool> IsAddressOnFileAsync(PrivacyDeskDbContext ctx, PrivacyRequest r, string address)
    {
        var lower = address.ToLowerInvariant();
        if (string.Equals(r.RequesterEmail, lower, StringComparison.OrdinalIgnoreCase)) return true;
        return r.CustomerId is int customerId && await ctx.ContactPoints.AsNoTracking()
            .AnyAsync(c => c.CustomerId == customerId && c.Kind == Customers.ContactKind.Email && c.ValidTo == null && c.Value.ToLower() == lower);
    }

    /// <summary>The Message-ID of the person's latest email, so our reply threads in their mail client.</summary>
    private static Task<string?> LastInboundMessageIdAsync(PrivacyDeskDbContext ctx, int requestId) =>
        ctx.InboundMessages.AsNoTracking().Where(m => m.RequestId == requestId && m.MessageIdHeader != null)
            .OrderByDescending(m => m.ReceivedAt).Select(m => m.MessageIdHeader).FirstOrDefaultAsync();

    /// <summary>
    /// The law wants the person told of an extension, with its reasons, before the original deadline:
    /// the notice is written from the extension template in their language and queued with the change.
    /// </summary>
    private static async Task<Templates.ReplyTemplate?> ExtensionTemplateAsync(PrivacyDeskDbContext ctx, PrivacyRequest r) =>
        Templates.TemplatePick.One(await ctx.ReplyTemplates.AsNoTracking().Where(t => t.Purpose == Templates.TemplatePurpose.ExtensionNotice).ToListAsync(),
            r, Templates.TemplatePurpose.ExtensionNotice);

    private void QueueExtensionNotice(PrivacyDeskDbContext ctx, PrivacyRequest r, Admin.Merchants.Merchant merchant, DateOnly today, Templates.ReplyTemplate? template, string? gender)
    {
        if (template is null) return;
        var notice = Templates.ReplyTemplateService.Render(template, r, merchant, today, gender);
        if (r.RequesterEmail is not null)
        {
            var subject = Intake.ThreadTags.Tagged(ctx, notice.Subject, r.Reference);
            var evt = RequestIntake.AddEvent(ctx, r, RequestEventKind.Reply, notice.Body, new { to = r.RequesterEmail, subject, status = "queued" });
            Intake.Outbox.OutboxQueue.Enqueue(ctx, r, merchant, evt, Intake.Outbox.OutboxKind.Notice, r.RequesterEmail, subject, notice.Body, mail.Value.DefaultFrom, clock);
        }
        else
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Document, notice.Body, new { subject = notice.Subject, delivery = "post" });
    }

    public static bool DisclosesData(PrivacyRequest r) =>
        r.Types.Any(t => t is RequestType.Access or RequestType.Portability);

    private string? Move(PrivacyRequest r, RequestStatus to, PrivacyDeskDbContext ctx)
    {
        if (r.Status == to) return null;
        if (!RequestStateMachine.CanMove(r.Status, to))
            return text.Format("Requests.IllegalTransition", text[$"Status.{r.Status}"], text[$"Status.{to}"]);
        RequestIntake.AddEvent(ctx, r, RequestEventKind.StatusChanged, null, new { from = r.Status.ToString(), to = to.ToString() });
        r.Status = to;
        return null;
    }

    /// <summary>Why a command was refused, and the form field it is about (null: the request as a whole). A plain message converts to one.</summary>
    private sealed record Problem(string Message, string? Field = null)
    {
        public static Problem On(string field, string message) => new(message, field);
        public static implicit operator Problem?(string? message) => message is null ? null : new Problem(message);
    }

    private Task<RequestResult> Mutate(int id, Guid? version, string[] roles, string auditAction, CancellationToken ct,
        Func<PrivacyDeskDbContext, PrivacyRequest, Problem?> change) =>
        MutateAsync(id, version, roles, auditAction, ct, (ctx, r) => Task.FromResult(change(ctx, r)));

    private async Task<RequestResult> MutateAsync(int id, Guid? version, string[] roles, string auditAction, CancellationToken ct,
        Func<PrivacyDeskDbContext, PrivacyRequest, Task<Problem?>> change, bool _ = false)
    {
        await RequireAsync(roles, ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return RequestResult.Fail(text["Requests.NotFound"]);
        if (version is { } seen && request.Version != seen) return RequestResult.Stale(text["Concurrency.Changed"], request);

        var before = new { status = request.Status.ToString(), request.AssigneeName, request.EffectiveDue, request.Outcome };
        try
        {
            var problem = await change(ctx, request);
            if (problem is not null) return RequestResult.Fail(problem.Message, problem.Field);

            request.UpdatedAt = clock.GetUtcNow();
            ctx.Audit(auditAction, nameof(PrivacyRequest), request.Id, request.MerchantId, new
            {
                request.Reference, before,
                after = new { status = request.Status.ToString(), request.AssigneeName, request.EffectiveDue, request.Outcome },
            });
            await ctx.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await db.OpenAsync(ct);
            return RequestResult.Stale(text["Concurrency.Changed"], await fresh.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct));
        }
        catch (StorageUnavailableException e)
        {
            // Said in the form, which stays open with what the user typed.
            return RequestResult.Fail(text[e.TextKey]);
        }
        return RequestResult.Ok(request);
    }

    private async Task RequireAsync(string[] roles, CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!roles.Any(me.IsInRole)) throw new UnauthorizedAccessException("Your role does not allow this action on requests.");
    }
}
