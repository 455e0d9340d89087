using System.Globalization;
using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// The values a template can use: {{requester.name}}, {{reference}}, {{receivedOn}},
/// {{acknowledgementDue}}, {{legalDue}}, {{extendedDue}}, {{extensionReason}}, {{outcomeReason}},
/// {{merchant.name}}, {{officer.name}}, {{officer.email}}, {{today}}. Dates are written out in the
/// request's language.
/// </summary>
public static class TemplateModel
{
    public static object For(PrivacyRequest r, Merchant m, DateOnly today)
    {
        var culture = CultureInfo.GetCultureInfo(r.Language == "fr" ? "fr-CA" : "en-CA");
        string D(DateOnly? d) => d is { } v ? v.ToString(r.Language == "fr" ? "d MMMM yyyy" : "MMMM d, yyyy", culture) : "";
        return new
        {
            reference = r.Reference,
            requester = new { name = r.RequesterName, email = r.RequesterEmail ?? "" },
            receivedOn = D(r.ReceivedOn),
            acknowledgementDue = D(r.AcknowledgementDue),
            legalDue = D(r.LegalDue),
            extendedDue = D(r.ExtendedDue),
            extensionReason = r.ExtensionReason ?? "",
            outcomeReason = r.OutcomeReason ?? "",
            merchant = new { name = m.Name, legalName = m.LegalName ?? m.Name },
            officer = new { name = m.PrivacyOfficerName ?? "", email = m.PrivacyOfficerEmail ?? "", phone = m.PrivacyOfficerPhone ?? "" },
            today = D(today),
        };
    }
}
