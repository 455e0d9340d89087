using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// The values a template can use. Of the request: {{reference}}, {{requester.name}}, {{requestTypes}}
/// ("access to your personal information"), {{receivedOn}}, {{acknowledgementDue}}, {{legalDue}},
/// {{extendedDue}}, {{extensionReason}}, {{outcomeReason}}, {{today}}, {{answerBy}} (the answer date as a sentence: "at the
/// latest under the Act" only where the law times the request). Of its regime: {{law}}, {{lawWith}} (with the
/// article French needs: "à la Loi …", "au Règlement …"), {{refusal.extent}} ("We cannot grant it" or "only in part"),
/// {{refusal.provision}} (the provision of law for the refusal's ground, Quebec s. 34), {{remedy.refusal}}
/// and {{remedy.extension}} (the authority with its address and the deadline to complain, as the
/// regime words it). Of the letter: {{salutation}} ("Madame," from the record, else "Madame, Monsieur,"),
/// {{closing}}, {{merchant.name}}, {{merchant.legalName}}, {{officer.name}}, {{officer.title}} (the
/// regime's title), {{officer.email}}, {{officer.phone}}. Dates are written out in the request's language.
/// </summary>
public static class TemplateModel
{
    public static object For(PrivacyRequest r, Merchant m, DateOnly today, string? gender = null)
    {
        var t = DocText.For(UiText.Shared, r.Language, m, r.Jurisdiction);
        string D(DateOnly? d) => d is { } v ? t.Date(v) : "";
        var regulator = Regulators.For(r.Jurisdiction);
        string Remedy(string key) => t.F(key, regulator.Name(t.Language), regulator.AddressIn(t.Language), regulator.Phone, regulator.Web);
        var salutation = t.F($"Doc.Salutation.{Salutation(gender)}", r.RequesterName);
        // Only where the law itself times this request is the date "at the latest under the Act", and are its extension and complaint rules cited.
        var statutory = Deadlines.StatutoryClock.Applies(r.Jurisdiction, r.Types);
        var refusalRemedy = r.Jurisdiction == Deadlines.Jurisdiction.Pipeda && !statutory ? "Doc.Remedy.Refusal.Pipeda.NotAccess" : $"Doc.Remedy.Refusal.{r.Jurisdiction}";
        return new
        {
            reference = r.Reference,
            requester = new { name = r.RequesterName, email = r.RequesterEmail ?? "" },
            requestTypes = string.Join(t.Language == "fr" ? " et " : " and ", r.Types.Select(x => t[$"Doc.RequestKind.{x}"])),
            receivedOn = D(r.ReceivedOn),
            acknowledgementDue = D(r.AcknowledgementDue),
            legalDue = D(r.LegalDue),
            extendedDue = D(r.ExtendedDue),
            extensionReason = r.ExtensionReason ?? "",
            outcomeReason = r.OutcomeReason ?? "",
            law = t[$"Doc.Law.{r.Jurisdiction}"],
            lawWith = t[$"Doc.LawWith.{r.Jurisdiction}"],
            answerBy = t.F(statutory ? "Doc.Answer.Statutory" : "Doc.Answer.Target", t[$"Doc.LawWith.{r.Jurisdiction}"], D(r.LegalDue)),
            refusal = new
            {
                extent = t[r.Outcome == RequestOutcome.PartiallyFulfilled ? "Doc.Refusal.PartiallyFulfilled" : "Doc.Refusal.Refused"],
                provision = r.RefusalGround is { } g ? t.F("Doc.ProvisionRelied", t[$"Doc.Provision.{g}.{r.Jurisdiction}"]) : "",
            },
            remedy = new { refusal = Remedy(refusalRemedy), extension = statutory ? Remedy($"Doc.Remedy.Extension.{r.Jurisdiction}") : "" },
            salutation,
            closing = t.F("Doc.Closing", salutation.TrimEnd(',')),
            merchant = new { name = m.Name, legalName = m.LegalName ?? m.Name },
            officer = new { name = m.PrivacyOfficerName ?? "", title = t["Doc.PrivacyOfficer"], email = m.PrivacyOfficerEmail ?? "", phone = m.PrivacyOfficerPhone ?? "" },
            today = D(today),
        };
    }

    /// <summary>"F" or "M" from the customer record; anything else (unknown, not linked) gives the neutral form.</summary>
    public static string Salutation(string? gender) => gender?.Trim().ToUpperInvariant() switch
    {
        "F" or "FEMALE" or "FEMME" or "W" => "F",
        "M" or "MALE" or "HOMME" => "M",
        _ => "Neutral",
    };

    /// <summary>The gender on the record of the customer the request is linked to, for the salutation.</summary>
    public static async Task<string?> GenderAsync(PrivacyDeskDbContext ctx, PrivacyRequest r, CancellationToken ct = default) =>
        r.CustomerId is int id ? await ctx.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Gender).FirstOrDefaultAsync(ct) : null;
}
