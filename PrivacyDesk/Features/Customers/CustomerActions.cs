using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Customers;

/// <summary>
/// What officers do to a customer's data, always under a request of the same merchant: each action
/// is audited, kept in the customer's change history and shown in the request's timeline.
/// </summary>
public sealed class CustomerActions(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    /// <param name="notifyCustomer">Seed 000 promises to tell the customer when a request changes their data:
    /// the rectification confirmation is queued in their language, in the same transaction.</param>
    public Task<CustomerResult> RectifyAsync(int customerId, Guid version, int requestId, RectifiableField field, string? newValue,
        string? postalCode = null, bool notifyCustomer = false, CancellationToken ct = default) =>
        UnderRequestAsync(customerId, version, requestId, "customer.rectified", ct, async (ctx, c, r, now) =>
        {
            var value = string.IsNullOrWhiteSpace(newValue) ? null : newValue.Trim();
            string? old;
            switch (field)
            {
                case RectifiableField.FirstName: old = c.FirstName; c.FirstName = value ?? ""; break;
                case RectifiableField.LastName: old = c.LastName; c.LastName = value ?? ""; break;
                case RectifiableField.Language:
                    if (value is not ("fr" or "en")) return text["Merchants.LanguageInvalid"];
                    old = c.Language; c.Language = value; break;
                case RectifiableField.Gender: old = c.Gender; c.Gender = value; break;
                case RectifiableField.DateOfBirth:
                    if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        return text["Customers.DateInvalid"];
                    old = c.DateOfBirth?.ToString("yyyy-MM-dd");
                    c.DateOfBirth = value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                default:
                    var kind = field switch { RectifiableField.Email => ContactKind.Email, RectifiableField.Phone => ContactKind.Phone, _ => ContactKind.Postal };
                    if (kind == ContactKind.Email && value is not null && !RequestIntake.LooksLikeEmail(value)) return text["Users.InvalidEmail"];
                    var current = await ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == kind && p.ValidTo == null).ToListAsync(ct);
                    old = current.FirstOrDefault()?.Value;
                    // The old value is closed, not overwritten: the history shows what was held and until when.
                    foreach (var p in current) p.ValidTo = now;
                    if (value is not null)
                        ctx.ContactPoints.Add(new ContactPoint { CustomerId = c.Id, MerchantId = c.MerchantId, Kind = kind, Value = value,
                            PostalCode = kind == ContactKind.Postal ? postalCode?.Trim().ToUpperInvariant() : null, ValidFrom = now });
                    break;
            }
            if (old == value) return text["Customers.NothingChanged"];
            Change(ctx, c, r, now, field.ToString(), old, value);
            // Everyone who received this data is to be told of the correction (GDPR art. 19): listed now, told from the request page.
            await Notices.Recipients.RecipientList.OpenAsync(ctx, c, r, Notices.Recipients.RecipientChange.Rectification, [Notices.Recipients.RecipientList.CategoryOf(field)],
                new Notices.Recipients.ChangedField(field.ToString(), old, value), now, ct);
            await ctx.SaveChangesAsync(ct); // so the new contact point is part of the search text
            await RefreshSearchTextAsync(ctx, c, ct);
            if (notifyCustomer) await QueueConfirmationAsync(ctx, r, RequestType.Rectification, now, ct);
            return null;
        });

    /// <summary>Records a consent decision (e.g. the customer opts out of marketing SMS).</summary>
    public Task<CustomerResult> SetConsentAsync(int customerId, Guid version, int requestId, string purpose, ConsentChannel channel,
        ConsentState state, CancellationToken ct = default) =>
        UnderRequestAsync(customerId, version, requestId, state == ConsentState.Withdrawn ? "customer.consent-withdrawn" : "customer.consent-granted", ct, (ctx, c, r, now) =>
        {
            if (string.IsNullOrWhiteSpace(purpose)) return Task.FromResult<string?>(text["Customers.PurposeRequired"]);
            ctx.Consents.Add(new Consent { CustomerId = c.Id, MerchantId = c.MerchantId, Purpose = purpose.Trim(), Channel = channel, State = state,
                Source = $"{r.Reference} ({ctx.Actor.Name})", At = now, RequestId = r.Id });
            Change(ctx, c, r, now, $"Consent:{purpose.Trim()}:{channel}", null, state.ToString());
            return Task.FromResult<string?>(null);
        });

    /// <summary>Closes the account without deleting it (seed 004: cancelled accounts are deactivated).</summary>
    public Task<CustomerResult> DeactivateAsync(int customerId, Guid version, int requestId, CancellationToken ct = default) =>
        UnderRequestAsync(customerId, version, requestId, "customer.deactivated", ct, (ctx, c, r, now) =>
        {
            if (c.Status != CustomerStatus.Active) return Task.FromResult<string?>(text["Customers.NotActive"]);
            c.Status = CustomerStatus.Deactivated;
            c.DeactivatedAt = now;
            Change(ctx, c, r, now, "Status", nameof(CustomerStatus.Active), nameof(CustomerStatus.Deactivated));
            return Task.FromResult<string?>(null);
        });

    /// <summary>
    /// Erases per category as the merchant's inventory says: deletes or anonymises, keeps what a
    /// legal hold requires, and reports what was kept and why (for the response to the person).
    /// </summary>
    public async Task<CustomerResult> EraseAsync(int customerId, Guid version, int requestId, CancellationToken ct = default)
    {
        List<ErasureLine> report = [];
        var result = await UnderRequestAsync(customerId, version, requestId, "customer.erased", ct, async (ctx, c, r, now) =>
        {
            if (c.Status == CustomerStatus.Anonymised) return text["Customers.AlreadyErased"];
            await CustomerService.EnsureInventoryAsync(ctx, c.MerchantId, ct);
            var inventory = await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == c.MerchantId).ToDictionaryAsync(e => e.Category, ct);
            // The recipients to tell are listed before the erasure removes the name and, where the inventory says so, the disclosures.
            await Notices.Recipients.RecipientList.OpenAsync(ctx, c, r, Notices.Recipients.RecipientChange.Erasure, Enum.GetValues<DataCategory>(), null, now, ct);
            foreach (var category in Enum.GetValues<DataCategory>())
            {
                var rule = inventory.GetValueOrDefault(category);
                var action = rule?.OnErasure ?? ErasureAction.Delete;
                var count = await EraseCategoryAsync(ctx, c, category, action, now, ct);
                report.Add(new ErasureLine(category, action, count,
                    action == ErasureAction.KeepUnderLegalHold ? rule?.LegalHoldReasonEn : null,
                    action == ErasureAction.KeepUnderLegalHold ? rule?.LegalHoldReasonFr : null));
            }
            var summary = string.Join("\n", report.Select(l => $"{l.Category}: {l.Action} ({l.Count})" + (l.KeptBecauseEn is null ? "" : $" — {l.KeptBecauseEn}")));
            RequestIntake.AddEvent(ctx, r, RequestEventKind.Note, summary, new { erasure = report });
            Change(ctx, c, r, now, "Status", c.Status == CustomerStatus.Anonymised ? null : "Active/Deactivated", nameof(CustomerStatus.Anonymised));
            return null;
        });
        return result.Succeeded ? CustomerResult.Ok(report) : result;
    }

    /// <summary>What erasing this customer would do, per category, before the officer confirms it.</summary>
    public async Task<ErasurePreview> PreviewErasureAsync(int customerId, CancellationToken ct = default) =>
        await PreviewErasureAsync([customerId], ct);

    /// <summary>
    /// What erasing these customers would do, per category and as their merchants' inventories say:
    /// how many records are deleted or anonymised, and how many a legal hold keeps (with its reason).
    /// </summary>
    public async Task<ErasurePreview> PreviewErasureAsync(IReadOnlyCollection<int> customerIds, CancellationToken ct = default)
    {
        await RequireOfficerAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var ids = customerIds.Distinct().ToList();
        var people = await ctx.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.Status != CustomerStatus.Anonymised)
            .Select(c => new { c.Id, c.MerchantId }).ToListAsync(ct);
        var lines = new Dictionary<(DataCategory, ErasureAction, string?, string?), int>();
        foreach (var merchant in people.GroupBy(p => p.MerchantId))
        {
            await CustomerService.EnsureInventoryAsync(ctx, merchant.Key, ct);
            var inventory = await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == merchant.Key).ToDictionaryAsync(e => e.Category, ct);
            var these = merchant.Select(p => p.Id).ToList();
            foreach (var category in Enum.GetValues<DataCategory>())
            {
                var rule = inventory.GetValueOrDefault(category);
                var action = rule?.OnErasure ?? ErasureAction.Delete;
                var held = action == ErasureAction.KeepUnderLegalHold;
                var key = (category, action, held ? rule?.LegalHoldReasonEn : null, held ? rule?.LegalHoldReasonFr : null);
                lines[key] = lines.GetValueOrDefault(key) + await CountAsync(ctx, these, category, ct);
            }
        }
        return new ErasurePreview(people.Count, lines.Select(l => new ErasureLine(l.Key.Item1, l.Key.Item2, l.Value, l.Key.Item3, l.Key.Item4))
            .OrderBy(l => l.Category).ToList());
    }

    private static async Task<int> CountAsync(PrivacyDeskDbContext ctx, List<int> ids, DataCategory category, CancellationToken ct) => category switch
    {
        DataCategory.Identity => ids.Count,
        DataCategory.Contact => await ctx.ContactPoints.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.Preferences => await ctx.Consents.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.Orders => await ctx.Orders.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.DeviceAndLogs => await ctx.ActivityLogs.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.Communications => await ctx.Communications.CountAsync(p => ids.Contains(p.CustomerId), ct)
                                       + await ctx.CampaignRecipients.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.Disclosures => await ctx.Disclosures.CountAsync(p => ids.Contains(p.CustomerId), ct),
        DataCategory.Other => await ctx.OtherRecords.CountAsync(p => ids.Contains(p.CustomerId), ct)
                              + await ctx.ThirdPartyPeople.CountAsync(p => p.ReferredByCustomerId != null && ids.Contains(p.ReferredByCustomerId.Value), ct),
        _ => 0,
    };

    /// <summary>
    /// The retention review's bulk action: erases, as each merchant's inventory says, the chosen
    /// customers who are still due (inactive past the retention period, not yet anonymised) and
    /// unchanged since the review listed them. Each is its own transaction, audited and kept in the
    /// customer's history; one that changed or is no longer due is left as it is and counted as skipped.
    /// </summary>
    public async Task<RetentionErasureResult> EraseForRetentionAsync(IReadOnlyCollection<(int Id, Guid Version)> customers, CancellationToken ct = default)
    {
        await RequireOfficerAsync(ct);
        int erased = 0, skipped = 0;
        try
        {
            await using var ctx = await db.OpenAsync(ct);
            var now = clock.GetUtcNow();
            var due = await CustomerService.DueForRetentionAsync(ctx, now, ct);
            if (due is null) return new RetentionErasureResult(0, customers.Count, []);
            foreach (var (id, version) in customers.DistinctBy(c => c.Id))
            {
                await using var tx = await ctx.Database.BeginWriteAsync(ct);
                var c = await ctx.Customers.Where(due).FirstOrDefaultAsync(x => x.Id == id, ct);
                if (c is null || c.Version != version) { skipped++; continue; }
                await CustomerService.EnsureInventoryAsync(ctx, c.MerchantId, ct);
                var inventory = await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == c.MerchantId).ToDictionaryAsync(e => e.Category, ct);
                var before = c.Status.ToString();
                var report = new List<ErasureLine>();
                foreach (var category in Enum.GetValues<DataCategory>())
                {
                    var rule = inventory.GetValueOrDefault(category);
                    var action = rule?.OnErasure ?? ErasureAction.Delete;
                    report.Add(new ErasureLine(category, action, await EraseCategoryAsync(ctx, c, category, action, now, ct),
                        action == ErasureAction.KeepUnderLegalHold ? rule?.LegalHoldReasonEn : null, null));
                }
                ctx.CustomerChanges.Add(new CustomerChange { CustomerId = c.Id, MerchantId = c.MerchantId, At = now, Field = "Status", OldValue = before,
                    NewValue = nameof(CustomerStatus.Anonymised), ActorName = ctx.Actor.Name ?? ctx.Actor.Id });
                ctx.Audit("customer.retention-erased", nameof(Customer), c.Id, c.MerchantId, new
                {
                    c.AccountNumber, inactiveSince = c.LastActivityAt ?? c.CreatedAt,
                    erasure = report.Select(l => new { category = l.Category.ToString(), action = l.Action.ToString(), l.Count }),
                });
                try
                {
                    await ctx.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    erased++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Changed by someone else in the meantime: left for the next review.
                    await tx.RollbackAsync(ct);
                    ctx.ChangeTracker.Clear();
                    skipped++;
                }
            }
        }
        catch (StorageUnavailableException e)
        {
            return new RetentionErasureResult(erased, customers.Count - erased, [text[e.TextKey]]);
        }
        return new RetentionErasureResult(erased, skipped, []);
    }

    private async Task RequireOfficerAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsAdmin && !me.IsInRole(Roles.PrivacyOfficer)) throw new UnauthorizedAccessException("Only privacy officers change customer data.");
    }

    private static async Task<int> EraseCategoryAsync(PrivacyDeskDbContext ctx, Customer c, DataCategory category, ErasureAction action, DateTimeOffset now, CancellationToken ct)
    {
        if (action == ErasureAction.KeepUnderLegalHold)
        {
            return category switch
            {
                DataCategory.Orders => await ctx.Orders.CountAsync(o => o.CustomerId == c.Id, ct),
                DataCategory.Disclosures => await ctx.Disclosures.CountAsync(o => o.CustomerId == c.Id, ct),
                _ => 0,
            };
        }
        switch (category)
        {
            case DataCategory.Identity:
                c.FirstName = "—";
                c.LastName = action == ErasureAction.Delete ? "—" : $"Anonymised {c.Id}";
                c.DateOfBirth = null;
                c.Gender = null;
                c.Status = CustomerStatus.Anonymised;
                c.AnonymisedAt = now;
                c.SearchText = SearchText.Of(c.AccountNumber);
                return 1;
            case DataCategory.Contact:
                return await ctx.ContactPoints.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct);
            case DataCategory.Preferences:
                return await ctx.Consents.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct);
            case DataCategory.Orders:
                // Anonymising orders keeps amounts and dates for the books, drops what was bought.
                return action == ErasureAction.Delete
                    ? await ctx.Orders.Where(o => o.CustomerId == c.Id).ExecuteDeleteAsync(ct)
                    : await ctx.Orders.Where(o => o.CustomerId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Items, "—").SetProperty(o => o.PaymentMethodMasked, (string?)null), ct);
            case DataCategory.DeviceAndLogs:
                return await ctx.ActivityLogs.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct);
            case DataCategory.Communications:
                // The policy notices sent to the person are communications with them too; one still waiting in the outbox is not sent.
                var notices = ctx.CampaignRecipients.Where(p => p.CustomerId == c.Id).Select(p => (long?)p.Id);
                await ctx.Outbox.Where(o => (o.Status == Intake.Outbox.OutboxStatus.Queued || o.Status == Intake.Outbox.OutboxStatus.Retrying) && notices.Contains(o.CampaignRecipientId))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, Intake.Outbox.OutboxStatus.Cancelled).SetProperty(o => o.LastError, "person erased").SetProperty(o => o.BodyText, ""), ct);
                return await ctx.Communications.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct)
                     + await ctx.CampaignRecipients.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct);
            case DataCategory.Disclosures:
                return await ctx.Disclosures.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct);
            case DataCategory.Other:
                return await ctx.OtherRecords.Where(p => p.CustomerId == c.Id).ExecuteDeleteAsync(ct)
                     + await ctx.ThirdPartyPeople.Where(p => p.ReferredByCustomerId == c.Id).ExecuteDeleteAsync(ct);
            default:
                return 0;
        }
    }

    private static async Task QueueConfirmationAsync(PrivacyDeskDbContext ctx, PrivacyRequest r, RequestType type, DateTimeOffset now, CancellationToken ct)
    {
        if (r.RequesterEmail is null) return;
        var template = Requests.Templates.TemplatePick.One(
            await ctx.ReplyTemplates.AsNoTracking().Where(t => t.Purpose == Requests.Templates.TemplatePurpose.Decision && t.RequestType == type).ToListAsync(ct),
            r, Requests.Templates.TemplatePurpose.Decision, type);
        if (template is null) return;
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == r.MerchantId, ct);
        var notice = Requests.Templates.ReplyTemplateService.Render(template, r, merchant, Requests.Deadlines.JurisdictionCodes.LocalDate(now, merchant.Country, merchant.Province),
            await Requests.Templates.TemplateModel.GenderAsync(ctx, r, ct));
        RequestIntake.AddEvent(ctx, r, RequestEventKind.Reply, notice.Body, new { to = r.RequesterEmail, subject = notice.Subject, status = "queued" });
    }

    private static void Change(PrivacyDeskDbContext ctx, Customer c, PrivacyRequest r, DateTimeOffset now, string field, string? old, string? value)
    {
        ctx.CustomerChanges.Add(new CustomerChange { CustomerId = c.Id, MerchantId = c.MerchantId, At = now, Field = field, OldValue = old,
            NewValue = value, RequestId = r.Id, RequestReference = r.Reference, ActorName = ctx.Actor.Name ?? ctx.Actor.Id });
        RequestIntake.AddEvent(ctx, r, RequestEventKind.Note, $"{c.AccountNumber} · {field}: «{old}» → «{value}»", new { customerId = c.Id, field });
    }

    private static async Task RefreshSearchTextAsync(PrivacyDeskDbContext ctx, Customer c, CancellationToken ct)
    {
        var points = await ctx.ContactPoints.AsNoTracking().Where(p => p.CustomerId == c.Id && p.ValidTo == null).ToListAsync(ct);
        c.SearchText = CustomerService.SearchTextFor(c, points);
    }

    private async Task<CustomerResult> UnderRequestAsync(int customerId, Guid version, int requestId, string auditAction, CancellationToken ct,
        Func<PrivacyDeskDbContext, Customer, PrivacyRequest, DateTimeOffset, Task<string?>> change)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsAdmin && !me.IsInRole(Roles.PrivacyOfficer)) throw new UnauthorizedAccessException("Only privacy officers change customer data.");
        // A database that cannot take the write is said in the form, which keeps what was typed.
        try { return await UnderRequestCoreAsync(customerId, version, requestId, auditAction, change, ct); }
        catch (StorageUnavailableException e) { return CustomerResult.Fail(text[e.TextKey]); }
    }

    private async Task<CustomerResult> UnderRequestCoreAsync(int customerId, Guid version, int requestId, string auditAction,
        Func<PrivacyDeskDbContext, Customer, PrivacyRequest, DateTimeOffset, Task<string?>> change, CancellationToken ct)
    {
        await using var ctx = await db.OpenAsync(ct);
        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        var customer = await ctx.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return CustomerResult.Fail(text["Customers.NotFound"]);
        var request = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.MerchantId != customer.MerchantId) return CustomerResult.Fail(text["Customers.RequestRequired"]);
        if (!request.IsOpen) return CustomerResult.Fail(text["Requests.NotOpen"]);
        if (customer.Version != version) return new CustomerResult(false, text["Concurrency.Changed"], Conflict: true);

        var now = clock.GetUtcNow();
        try
        {
            var error = await change(ctx, customer, request, now);
            if (error is not null) return CustomerResult.Fail(error);
            customer.LastActivityAt ??= customer.CreatedAt;
            ctx.Audit(auditAction, nameof(Customer), customer.Id, customer.MerchantId, new { request = request.Reference, customer.AccountNumber });
            await ctx.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CustomerResult(false, text["Concurrency.Changed"], Conflict: true);
        }

        return CustomerResult.Ok();
    }
}
