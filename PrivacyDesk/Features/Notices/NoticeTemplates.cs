using HandlebarsDotNet;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Notices;

/// <summary>
/// The notices' default wording in French and English, kept with the reply templates so that administrators edit
/// them on the same page. Placeholders: {{salutation}}, {{closing}}, {{person.name}}, {{info}} ("personal information",
/// "données personnelles" under the GDPR), {{merchant.name}}, {{merchant.legalName}}, {{officer.name}}, {{officer.title}},
/// {{officer.email}}, {{officer.phone}}, {{today}}; for a policy change {{policy.label}}, {{policy.effectiveOn}},
/// {{policy.summary}}, {{policy.text}}, {{consent.needed}}; for a legal-process disclosure {{disclosure.date}},
/// {{disclosure.recipient}}, {{disclosure.categories}}, {{disclosure.purpose}}.
/// </summary>
public static class NoticeTemplates
{
    private const string Signature = "\n\n{{closing}}\n\n{{officer.name}}\n{{officer.title}}\n{{merchant.legalName}}\n{{officer.email}}";

    public static IEnumerable<ReplyTemplate> Defaults()
    {
        yield return New(TemplatePurpose.PolicyChange, "en", "Privacy policy change notice", "{{merchant.name}}: changes to our privacy policy from {{policy.effectiveOn}}",
            "We are changing our privacy policy. The new version ({{policy.label}}) takes effect on {{policy.effectiveOn}}.\n\nWhat changes:\n{{policy.summary}}" +
            "{{#if consent.needed}}\n\nThese changes lower the protection of your {{info}}. We will not apply them to your {{info}} unless you agree: until you give your consent, the current policy continues to apply to you.{{#if consent.link}} To tell us whether you agree: {{consent.link}}{{else}} To tell us whether you agree, reply to this message.{{/if}}{{/if}}" +
            "{{#if policy.text}}\n\nThe new policy:\n{{policy.text}}{{/if}}\n\nIf you have a question, write to {{officer.email}}.");
        yield return New(TemplatePurpose.PolicyChange, "fr", "Avis de modification de la politique de confidentialité",
            "{{merchant.name}} : modification de notre politique de confidentialité à compter du {{policy.effectiveOn}}",
            "Nous modifions notre politique de confidentialité. La nouvelle version ({{policy.label}}) entre en vigueur le {{policy.effectiveOn}}.\n\nCe qui change :\n{{policy.summary}}" +
            "{{#if consent.needed}}\n\nCes modifications réduisent la protection de vos {{info}}. Nous ne les appliquerons pas à vos {{info}} sans votre consentement : tant que vous ne l’avez pas donné, la politique actuelle continue de s’appliquer à vous.{{#if consent.link}} Pour nous faire connaître votre choix : {{consent.link}}{{else}} Pour nous faire connaître votre choix, répondez à ce message.{{/if}}{{/if}}" +
            "{{#if policy.text}}\n\nLa nouvelle politique :\n{{policy.text}}{{/if}}\n\nPour toute question, écrivez-nous à {{officer.email}}.");
        yield return New(TemplatePurpose.LegalProcess, "en", "Legal-process disclosure notice", "{{merchant.name}}: we were required to disclose your {{info}}",
            "We are writing to tell you that on {{disclosure.date}} we were legally required to provide some of your {{info}} to {{disclosure.recipient}}, as part of legal process ({{disclosure.purpose}}).\n\n" +
            "Information provided: {{disclosure.categories}}.\n\nWe provided only what we were required to provide. If you have a question, or wish to obtain a copy of your {{info}}, write to {{officer.email}}.");
        yield return New(TemplatePurpose.LegalProcess, "fr", "Avis de communication exigée par la loi", "{{merchant.name}} : nous avons dû communiquer vos {{info}}",
            "Nous vous informons que le {{disclosure.date}}, nous avons dû, en vertu d’une obligation légale, communiquer une partie de vos {{info}} à {{disclosure.recipient}} ({{disclosure.purpose}}).\n\n" +
            "Ce que nous avons communiqué : {{disclosure.categories}}.\n\nNous n’avons communiqué que ce que nous étions tenus de communiquer. Pour toute question, ou pour obtenir une copie de vos {{info}}, écrivez-nous à {{officer.email}}.");
        yield return New(TemplatePurpose.RecipientNotice, "en", "Notice to a recipient of a rectification or erasure",
            "{{#if change.erasure}}Erasure{{else}}Rectification{{/if}} request: {{person.name}} (customer {{person.reference}})",
            "{{#if change.erasure}}At the request of {{person.name}} (customer {{person.reference}}), we have erased the {{info}} we held about them, except what the law requires us to keep. As you received some of it from us ({{received}}), we ask that you erase it too, unless the law requires you to keep it." +
            "{{else}}At the request of {{person.name}} (customer {{person.reference}}), we have corrected the {{info}} we hold about them. As you received some of it from us ({{received}}), we ask that you correct your copy as follows:\n\n{{change.lines}}{{/if}}" +
            "\n\nPlease confirm by replying to this message once it is done, keeping the reference {{request.reference}}.");
        yield return New(TemplatePurpose.RecipientNotice, "fr", "Avis à un destinataire d’une rectification ou d’un effacement",
            "Demande {{#if change.erasure}}d’effacement{{else}}de rectification{{/if}} : {{person.name}} (client {{person.reference}})",
            "{{#if change.erasure}}À la demande de {{person.name}} (client {{person.reference}}), nous avons effacé les {{info}} que nous détenions à son sujet, sauf ce que la loi nous oblige à conserver. Comme nous vous en avons communiqué une partie ({{received}}), nous vous demandons de les effacer également, à moins que la loi ne vous oblige à les conserver." +
            "{{else}}À la demande de {{person.name}} (client {{person.reference}}), nous avons corrigé les {{info}} que nous détenons à son sujet. Comme nous vous en avons communiqué une partie ({{received}}), nous vous demandons de corriger votre copie comme suit :\n\n{{change.lines}}{{/if}}" +
            "\n\nMerci de nous le confirmer en répondant à ce message une fois la démarche faite, en conservant la référence {{request.reference}}.");
        yield return New(TemplatePurpose.RecipientList, "en", "List of the recipients told of a rectification or erasure",
            "The recipients of your {{info}} (request {{request.reference}})",
            "As you asked, here are the third parties to whom we had communicated your {{info}}, and where each stands in being told of the {{#if change.erasure}}erasure{{else}}correction{{/if}} we made:\n\n{{recipients}}\n\nIf you have a question, write to {{officer.email}}.");
        yield return New(TemplatePurpose.RecipientList, "fr", "Liste des destinataires avisés d’une rectification ou d’un effacement",
            "Les destinataires de vos {{info}} (demande {{request.reference}})",
            "Comme vous l’avez demandé, voici les tiers à qui nous avions communiqué vos {{info}}, et où en est l’avis {{#if change.erasure}}de l’effacement que nous avons effectué{{else}}de la correction que nous avons effectuée{{/if}} :\n\n{{recipients}}\n\nPour toute question, écrivez-nous à {{officer.email}}.");
    }

    private static ReplyTemplate New(TemplatePurpose purpose, string language, string name, string subject, string body) => new()
    {
        Purpose = purpose, Language = language, Name = name, Subject = subject, Body = "{{salutation}}\n\n" + body + Signature, UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>An installation made before the notices existed gets their defaults once (a marker says so; a deleted one stays deleted).</summary>
    public static async Task EnsureAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        if (await ctx.AppSecrets.AnyAsync(x => x.Name == Added, ct)) return;
        var present = await ctx.ReplyTemplates.Where(t => t.Purpose == TemplatePurpose.PolicyChange || t.Purpose == TemplatePurpose.LegalProcess
                || t.Purpose == TemplatePurpose.RecipientNotice || t.Purpose == TemplatePurpose.RecipientList)
            .Select(t => new { t.Purpose, t.Language }).ToListAsync(ct);
        foreach (var d in Defaults().Where(d => !present.Any(p => p.Purpose == d.Purpose && p.Language == d.Language))) ctx.ReplyTemplates.Add(d);
        ctx.AppSecrets.Add(new AppSecret { Name = Added, Value = [1] });
        await ctx.SaveChangesAsync(ct);
    }

    private const string Added = "templates.notices-added";

    /// <summary>The template of a notice in a language (the merchant's regime has no separate wording for these).</summary>
    public static async Task<Dictionary<string, ReplyTemplate>> ForAsync(PrivacyDeskDbContext ctx, TemplatePurpose purpose, CancellationToken ct) =>
        (await ctx.ReplyTemplates.AsNoTracking().Where(t => t.Purpose == purpose).OrderBy(t => t.Id).ToListAsync(ct))
            .GroupBy(t => t.Language).ToDictionary(g => g.Key, g => g.First());

    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HandlebarsTemplate<object, object>> Compiled = new(StringComparer.Ordinal);

    public static (string Subject, string Body) Render(ReplyTemplate template, object model)
    {
        if (Compiled.Count >= 256) Compiled.Clear();
        return (Compiled.GetOrAdd(template.Subject, Engine.Compile)(model), Compiled.GetOrAdd(template.Body, Engine.Compile)(model));
    }

    /// <summary>The values common to every notice: the person, the merchant and its officer, in the reader's language.</summary>
    /// <param name="organisation">The reader is an organisation (a recipient of the data): "Dear Sir or Madam", not its name.</param>
    public static Dictionary<string, object> Model(string language, Merchant m, string personName, string? gender, DateOnly today, bool organisation = false)
    {
        var t = DocText.For(UiText.Shared, language, m);
        var salutation = organisation ? t["Doc.Salutation.Organisation"] : t.F($"Doc.Salutation.{TemplateModel.Salutation(gender)}", personName);
        var gdpr = m.Country == "FR";
        return new Dictionary<string, object>
        {
            ["salutation"] = salutation,
            ["closing"] = t.F("Doc.Closing", salutation.TrimEnd(',')),
            ["person"] = new { name = personName },
            ["info"] = language == "fr" ? gdpr ? "données personnelles" : "renseignements personnels" : gdpr ? "personal data" : "personal information",
            ["merchant"] = new { name = m.Name, legalName = m.LegalName ?? m.Name },
            ["officer"] = new { name = m.PrivacyOfficerName ?? "", title = t["Doc.PrivacyOfficer"], email = m.PrivacyOfficerEmail ?? "", phone = m.PrivacyOfficerPhone ?? "" },
            ["today"] = t.Date(today),
        };
    }

    public static string Date(string language, Merchant m, DateOnly d) => DocText.For(UiText.Shared, language, m).Date(d);
}
