using HandlebarsDotNet;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Requests.Templates;

public sealed record RenderedReply(string Subject, string Body);

/// <summary>The outcome of saving a template: the error in the user's language, and the field it is about.</summary>
public sealed record TemplateSave(bool Ok, string? Error = null, string? Field = null)
{
    public static TemplateSave Fail(string error, string? field) => new(false, error, field);
}

/// <summary>Reply templates: listed for a request, rendered with its values, edited by admins.</summary>
public sealed class ReplyTemplateService(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    // Replies are plain text: no HTML escaping ("&" stays "&"); they are never rendered as HTML.
    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    public async Task<IReadOnlyList<ReplyTemplate>> ListAsync(CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.ReplyTemplates.AsNoTracking().OrderBy(t => t.Purpose).ThenBy(t => t.RequestType).ThenBy(t => t.Language).ThenBy(t => t.Jurisdiction).ToListAsync(ct);
    }

    /// <summary>The templates that fit a request: its language, and its types or any type.</summary>
    public async Task<IReadOnlyList<ReplyTemplate>> ForRequestAsync(PrivacyRequest r, CancellationToken ct = default) =>
        TemplatePick.For(await ListAsync(ct), r);

    public async Task<RenderedReply> RenderAsync(int templateId, PrivacyRequest request, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        var template = await ctx.ReplyTemplates.AsNoTracking().FirstAsync(t => t.Id == templateId, ct);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        var today = Deadlines.JurisdictionCodes.LocalDate(clock.GetUtcNow(), merchant.Country, merchant.Province);
        return Render(template, request, merchant, today, await TemplateModel.GenderAsync(ctx, request, ct));
    }

    /// <param name="gender">From the linked customer's record (<see cref="TemplateModel.GenderAsync"/>), for the salutation.</param>
    public static RenderedReply Render(ReplyTemplate template, PrivacyRequest request, Admin.Merchants.Merchant merchant, DateOnly today, string? gender = null)
    {
        var model = TemplateModel.For(request, merchant, today, gender);
        return new RenderedReply(Compiled(template.Subject)(model), Compiled(template.Body)(model));
    }

    // Compiling a template builds and JIT-compiles expression trees (about 8 ms): done once per text, not once per
    // message (mail intake renders the acknowledgement for each). Keyed by the text itself, so an edited template
    // is compiled afresh; the few texts in use stay, and the cache starts over if it ever holds many.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HandlebarsTemplate<object, object>> CompiledTexts = new(StringComparer.Ordinal);

    private static HandlebarsTemplate<object, object> Compiled(string source)
    {
        if (CompiledTexts.TryGetValue(source, out var compiled)) return compiled;
        if (CompiledTexts.Count >= 512) CompiledTexts.Clear();
        return CompiledTexts.GetOrAdd(source, s => Engine.Compile(s));
    }

    public async Task<(bool Ok, string? Error)> UpdateAsync(int id, Guid version, string name, string subject, string body, CancellationToken ct = default)
    {
        var saved = await SaveAsync(id, version, name, subject, body, ct);
        return (saved.Ok, saved.Error);
    }

    /// <summary>Saves an edited template; a refusal names the field it is about ("templateName", "templateSubject", "templateBody"), null for the template as a whole.</summary>
    public async Task<TemplateSave> SaveAsync(int id, Guid version, string name, string subject, string body, CancellationToken ct = default)
    {
        if (!(await staff.GetAsync(ct)).IsAdmin) throw new UnauthorizedAccessException("Only an administrator can edit templates.");
        if (string.IsNullOrWhiteSpace(name)) return TemplateSave.Fail(text["Templates.NameRequired"], "templateName");
        if (string.IsNullOrWhiteSpace(subject)) return TemplateSave.Fail(text["Requests.ReplySubjectEmpty"], "templateSubject");
        if (string.IsNullOrWhiteSpace(body)) return TemplateSave.Fail(text["Requests.ReplyBodyEmpty"], "templateBody");
        foreach (var (field, source) in new[] { ("templateSubject", subject), ("templateBody", body) })
        {
            try { Engine.Compile(source); }
            catch (HandlebarsException ex) { return TemplateSave.Fail(text.Format("Templates.Invalid", ex.Message), field); }
        }
        await using var ctx = await db.OpenAsync(ct);
        var template = await ctx.ReplyTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return TemplateSave.Fail(text["Templates.NotFound"], null);
        if (template.Version != version) return TemplateSave.Fail(text["Concurrency.Changed"], null);
        var before = new { template.Name, template.Subject, template.Body };
        template.Name = name.Trim();
        template.Subject = subject;
        template.Body = body;
        template.UpdatedAt = clock.GetUtcNow();
        ctx.Audit("template.updated", nameof(ReplyTemplate), id, null, new { before, after = new { name, subject, body } });
        await ctx.SaveChangesAsync(ct);
        return new TemplateSave(true);
    }

    /// <summary>Inserts the default templates into an empty table (start-up).</summary>
    public static async Task EnsureDefaultsAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        if (!await ctx.ReplyTemplates.AnyAsync(ct))
        {
            ctx.ReplyTemplates.AddRange(TemplateDefaults.All());
            await ctx.SaveChangesAsync(ct);
        }
        // A fresh installation gets the regimes' templates with the others; the marker keeps the upgrade from adding them again.
        await TemplateUpgrades.ApplyAsync(ctx, ct);
        await ctx.SaveChangesAsync(ct);
        await Notices.NoticeTemplates.EnsureAsync(ctx, ct);
    }
}
