using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Documents.AccessResponse;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Documents;

public sealed record DocumentResult(bool Succeeded, string? Error = null, IReadOnlyList<long>? AttachmentIds = null);

/// <summary>
/// Generates the office's documents for a request and files them on its timeline (downloads are
/// audited by the attachment endpoint). The access response is refused until the person's identity
/// was verified on this request and the request is linked to the customer whose data it discloses.
/// </summary>
public sealed class DocumentService(Db db, CurrentStaff staff, UiText text, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Requests.Retention.RetentionOptions> retention)
{
    private static readonly string[] Officers = [Roles.Admin, Roles.PrivacyOfficer];

    /// <summary>
    /// Whether the signed-in user files and handles a request's documents (officers and
    /// administrators). A manager is never offered them: they see counts and status, not a person's
    /// access response; the attachment download refuses them too (Roles.ContentReaders).
    /// </summary>
    public async Task<bool> CanFileDocumentsAsync(CancellationToken ct = default)
    {
        var me = await staff.GetAsync(ct);
        return Officers.Any(me.IsInRole);
    }

    public async Task<DocumentResult> GenerateAccessResponseAsync(int requestId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, text["Requests.NotFound"]);
        if (!RequestWorkflow.DisclosesData(request)) return new(false, text["Doc.NotAnAccessRequest"]);
        if (request.VerifiedAt is null) return new(false, text["Doc.NotVerified"]);
        if (request.CustomerId is not int customerId) return new(false, text["Doc.NoCustomer"]);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        var profile = await Customers.CustomerService.LoadProfileAsync(ctx, customerId, logLimit: null, ct);
        if (profile is null) return new(false, text["Customers.NotFound"]);
        // A disclosure the law forbids telling the person about (an order still in force) stays out of what they receive.
        var today = Today(merchant);
        profile = profile with { Disclosures = profile.Disclosures.Where(d => !(d.Notice == Customers.PersonNotice.Withheld && d.WithheldUntil >= today)).ToList() };

        var t = DocText.For(text, request.Language, merchant, request.Jurisdiction);
        if (Customers.Inventory.InventoryTexts.MissingIn(profile.Inventory, t.Language) is { Count: > 0 } missing)
        {
            return new(false, text.Format("Doc.InventoryIncomplete", text[$"LanguageName.{t.Language}"],
                string.Join(", ", missing.Select(c => text[$"Category.{c}"]))));
        }
        // A Californian is told, per category, whether it was sold or shared (1798.115): "not recorded" is not an answer.
        if (request.Jurisdiction == Jurisdiction.Ccpa && Customers.Inventory.InventoryTexts.SaleNotRecorded(profile.Inventory) is { Count: > 0 } unrecorded)
            return new(false, text.Format("Doc.SaleNotRecorded", string.Join(", ", unrecorded.Select(c => text[$"Category.{c}"]))));
        // The review step: every flagged free text and every office note decided before anything is released.
        var history = await RequestHistory.LoadAsync(ctx, customerId, ct);
        var items = Review.DisclosureReview.Items(request, profile, history, await Review.DisclosureReview.DecisionsAsync(ctx, request.Id, ct), merchant);
        if (items.Count(i => !i.Decided) is > 0 and var pending) return new(false, text.Plural("Doc.ReviewPending", pending));
        var reviewed = Review.ReviewedDisclosure.Apply(profile, history, items, t);
        var input = new AccessResponseInput(request, merchant, reviewed.Profile, Today(merchant), reviewed.History, retention.Value.ClosedRequestDays, reviewed.Withheld);
        var pdf = PdfRenderer.Render(AccessResponseBuilder.Build(input, t));
        var zip = PortableExport.Build(input, t);
        var prefix = t.Language == "fr" ? "reponse-acces" : "access-response";
        var evt = RequestIntake.AddEvent(ctx, request, RequestEventKind.Document, t["Doc.Access.Filed"],
            new { document = "access-response", language = t.Language, pdfBytes = pdf.Length, zipBytes = zip.Length });
        evt.Attachments.Add(Attachment(request, $"{prefix}-{request.Reference}.pdf", "application/pdf", pdf));
        evt.Attachments.Add(Attachment(request, $"{prefix}-{request.Reference}.zip", "application/zip", zip));
        request.UpdatedAt = clock.GetUtcNow();
        ctx.Audit("document.access-response-generated", nameof(PrivacyRequest), request.Id, request.MerchantId,
            new { request.Reference, customer = profile.Customer.AccountNumber, language = t.Language, pdfBytes = pdf.Length, zipBytes = zip.Length,
                withheld = reviewed.Withheld.Select(w => new { w.Source, choice = w.Choice.ToString(), ground = w.Ground.ToString() }) });
        await ctx.SaveChangesAsync(ct);
        return new(true, null, evt.Attachments.Select(a => a.Id).ToList());
    }

    /// <summary>A letter (PDF) from a reply template in the requester's language, filed on the timeline.</summary>
    public async Task<DocumentResult> GenerateLetterAsync(int requestId, int templateId, CancellationToken ct = default)
    {
        await RequireAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        var request = await ctx.Requests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new(false, text["Requests.NotFound"]);
        var template = await ctx.ReplyTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == templateId, ct);
        if (template is null) return new(false, text["Templates.NotFound"]);
        // A refusal letter cites the provision relied on: the refusal and its ground are recorded first.
        if (template.Purpose == TemplatePurpose.Refusal && request.RefusalGround is null) return new(false, text["Doc.Letter.NoRefusal"]);
        if (template.Purpose == TemplatePurpose.ExtensionNotice && request.ExtendedDue is null) return new(false, text["Doc.Letter.NoExtension"]);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        var today = Today(merchant);
        var rendered = ReplyTemplateService.Render(template, request, merchant, today, await TemplateModel.GenderAsync(ctx, request, ct));
        var t = DocText.For(text, template.Language, merchant, request.Jurisdiction);
        var pdf = PdfRenderer.Render(LetterBuilder.Build(request, merchant, rendered.Subject, rendered.Body, today, t));
        var evt = RequestIntake.AddEvent(ctx, request, RequestEventKind.Document, rendered.Body,
            new { document = "letter", template = template.Purpose.ToString(), subject = rendered.Subject, language = template.Language, delivery = "post" });
        evt.Attachments.Add(Attachment(request, $"{Slug(template.Purpose)}-{request.Reference}.pdf", "application/pdf", pdf));
        ctx.Audit("document.letter-generated", nameof(PrivacyRequest), request.Id, request.MerchantId,
            new { request.Reference, template = template.Purpose.ToString(), language = template.Language });
        await ctx.SaveChangesAsync(ct);
        return new(true, null, evt.Attachments.Select(a => a.Id).ToList());
    }

    private DateOnly Today(Admin.Merchants.Merchant m) =>
        JurisdictionCodes.LocalDate(clock.GetUtcNow(), m.Country, m.Province);

    private static RequestAttachment Attachment(PrivacyRequest r, string name, string type, byte[] content) =>
        new() { MerchantId = r.MerchantId, FileName = name, ContentType = type, SizeBytes = content.LongLength, Content = content };

    private static string Slug(TemplatePurpose p) => p.ToString().ToLowerInvariant();

    private async Task RequireAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!Officers.Any(me.IsInRole)) throw new UnauthorizedAccessException("Only privacy officers and administrators generate documents.");
    }
}
