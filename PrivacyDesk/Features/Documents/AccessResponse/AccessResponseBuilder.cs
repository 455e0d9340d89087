using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Documents.AccessResponse;

/// <summary>What an access response is made of: the request, who answers, and everything held on the person.</summary>
public sealed record AccessResponseInput(PrivacyRequest Request, Merchant Merchant, CustomerProfile Profile, DateOnly Today);

/// <summary>
/// The access-request response as a regulator would want to read it, in the person's language:
/// a cover letter; per category of the data inventory, why it is held, where it came from, who
/// receives it, how long it is kept and the values themselves; transfers outside the province or
/// country; automated decisions; the person's rights and the authority to complain to; what was
/// withheld and why; the privacy officer's signature.
/// </summary>
public static class AccessResponseBuilder
{
    public static PdfDoc Build(AccessResponseInput input, DocText t)
    {
        var (r, m, p) = (input.Request, input.Merchant, input.Profile);
        var blocks = new List<PdfBlock>();
        CoverLetter(blocks, input, t);
        Summary(blocks, p, t);
        foreach (var entry in p.Inventory.OrderBy(e => e.Category)) Category(blocks, entry, p, t);
        Transfers(blocks, m, p, t);
        blocks.Add(new PdfHeading(t["Doc.Access.Automated"]));
        blocks.Add(new PdfParagraph(t["Doc.Access.AutomatedNone"]));
        Rights(blocks, r, t);
        Withheld(blocks, p, t);
        blocks.Add(new PdfSignature([
            m.PrivacyOfficerName ?? m.Name, t["Doc.PrivacyOfficer"], m.LegalName ?? m.Name,
            string.Join(" · ", new[] { m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x))),
        ]));
        return new PdfDoc(
            t.F("Doc.Access.DocTitle", r.Reference), m.LegalName ?? m.Name, t["Doc.Access.Title"], t.Language == "fr" ? "fr-CA" : "en-CA",
            m.Name, r.Reference, t.PageFormat, blocks, m.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter);
    }

    private static void CoverLetter(List<PdfBlock> blocks, AccessResponseInput input, DocText t)
    {
        var (r, m, p) = (input.Request, input.Merchant, input.Profile);
        blocks.Add(new PdfParagraph(string.Join("\n", new[] { m.LegalName ?? m.Name, m.PostalAddress }.Where(x => !string.IsNullOrWhiteSpace(x))), PdfTextStyle.Small));
        blocks.Add(new PdfSpacer(6));
        blocks.Add(new PdfParagraph(t.Date(input.Today)));
        blocks.Add(new PdfParagraph(string.Join("\n", new[] { r.RequesterName, r.RequesterPostalAddress ?? r.RequesterEmail }.Where(x => !string.IsNullOrWhiteSpace(x)))));
        blocks.Add(new PdfHeading(t["Doc.Access.Title"]));
        blocks.Add(new PdfKeyValues([
            (t["Doc.Reference"], r.Reference),
            (t["Doc.ReceivedOn"], t.Date(r.ReceivedOn)),
            (t["Doc.RespondedOn"], t.Date(input.Today)),
            (t["Doc.LegalDue"], t.Date(r.EffectiveDue)),
            (t["Doc.WhatWasAsked"], string.Join(", ", r.Types.Select(x => t[$"Type.{x}"]))),
            (t["Doc.Account"], p.Customer.AccountNumber),
            (t["Doc.Law"], t[$"Doc.Law.{r.Jurisdiction}"]),
        ]));
        blocks.Add(new PdfParagraph(t.F("Doc.Access.Dear", r.RequesterName)));
        blocks.Add(new PdfParagraph(t.F("Doc.Access.Intro", m.Name, t[$"Doc.Law.{r.Jurisdiction}"])));
        if (!string.IsNullOrWhiteSpace(r.Message))
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.YourWords"], PdfTextStyle.Bold));
            blocks.Add(new PdfParagraph(r.Message.Length > 1500 ? r.Message[..1500] + " […]" : r.Message, PdfTextStyle.Italic));
        }
    }

    private static void Summary(List<PdfBlock> blocks, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Summary"]));
        blocks.Add(new PdfTable(
            [new(t["Doc.Category"], 2), new(t["Doc.Records"], 1.4, AlignRight: true), new(t["Doc.Purposes"], 4), new(t["Doc.Retention"], 3)],
            p.Inventory.OrderBy(e => e.Category).Select(e => (IReadOnlyList<string>)[
                t[$"Category.{e.Category}"], p.CountIn(e.Category).ToString(t.Culture), Purposes(e, t), Retention(e, t)]).ToList()));
    }

    private static void Category(List<PdfBlock> blocks, DataInventoryEntry e, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t[$"Category.{e.Category}"], 2));
        blocks.Add(new PdfKeyValues([
            (t["Doc.Purposes"], Purposes(e, t)),
            (t["Doc.LegalBasis"], e.LegalBasis),
            (t["Doc.Source"], e.Source),
            (t["Doc.Recipients"], string.IsNullOrWhiteSpace(e.Recipients) ? t["Doc.NoRecipients"] : e.Recipients),
            (t["Doc.StoredIn"], Places.Describe(e.Countries, t.Language)),
            (t["Doc.Retention"], Retention(e, t)),
        ]));
        var values = CategoryValues.For(e.Category, p, t);
        if (values is null) blocks.Add(new PdfParagraph(t["Doc.NoneHeld"], PdfTextStyle.Italic));
        else blocks.AddRange(values);
    }

    private static void Transfers(List<PdfBlock> blocks, Merchant m, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Transfers"]));
        var home = m.Country;
        // Each place outside the merchant's legal area, with who holds the information there: the provider the
        // inventory names beside the country ("US (AWS)"), and every recipient of a disclosure made to it.
        var abroad = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string code, string? who)
        {
            if (string.IsNullOrWhiteSpace(code) || Places.IsHome(code, home)) return;
            var name = Places.Name(code, t.Language);
            if (!abroad.TryGetValue(name, out var set)) abroad[name] = set = new SortedSet<string>(StringComparer.CurrentCulture);
            if (!string.IsNullOrWhiteSpace(who)) set.Add(who.Trim());
        }
        foreach (var token in p.Inventory.SelectMany(e => e.Countries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var (code, who) = Places.Parse(token);
            Add(code, who);
        }
        foreach (var d in p.Disclosures) Add(d.Country, d.Recipient);
        var homeName = m.Province is { } prov && home == "CA" ? $"{Places.Name(prov, t.Language)}, {Places.Name(home, t.Language)}" : Places.Name(home, t.Language);
        blocks.Add(new PdfParagraph(abroad.Count == 0
            ? t.F("Doc.Access.NoTransfers", homeName)
            : t.F("Doc.Access.TransfersTo", homeName, string.Join("; ", abroad.Select(a => a.Value.Count == 0 ? a.Key : $"{a.Key} ({string.Join(", ", a.Value)})")))));
    }

    private static void Rights(List<PdfBlock> blocks, PrivacyRequest r, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Rights"]));
        blocks.Add(new PdfBullets([t["Doc.Right.Rectify"], t["Doc.Right.Withdraw"], t["Doc.Right.Erase"], t["Doc.Right.Portability"], t["Doc.Right.Complain"]]));
        var reg = Regulators.For(r.Jurisdiction);
        blocks.Add(new PdfKeyValues([
            (t["Doc.Regulator"], t.Language == "fr" ? reg.NameFr : reg.NameEn),
            (t["Doc.Address"], reg.Address),
            (t["Doc.Phone"], reg.Phone),
            (t["Doc.Website"], reg.Web),
        ]));
    }

    private static void Withheld(List<PdfBlock> blocks, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Withheld"]));
        if (p.ReferredPeople.Count == 0)
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.NothingWithheld"]));
            return;
        }
        // Another person's information is not the requester's to receive: say that it exists and why it is withheld.
        blocks.Add(new PdfParagraph(t.F("Doc.Access.WithheldOthers", p.ReferredPeople.Count)));
        blocks.Add(new PdfBullets(p.ReferredPeople.Select(x => $"{t.Date(x.At)} : {t.F("Doc.Access.ReferredPerson", x.Source)}".Replace(" : ", t.Language == "fr" ? " : " : ": ")).ToList()));
        blocks.Add(new PdfKeyValues([(t["Doc.Reason"], t["Doc.Access.ThirdPartyReason"])]));
    }

    internal static string Purposes(DataInventoryEntry e, DocText t) => t.Language == "fr" ? e.PurposesFr : e.PurposesEn;

    internal static string Retention(DataInventoryEntry e, DocText t)
    {
        var retention = t.Language == "fr" ? e.RetentionFr : e.RetentionEn;
        var hold = t.Language == "fr" ? e.LegalHoldReasonFr : e.LegalHoldReasonEn;
        return hold is null ? retention : $"{retention}. {hold}";
    }
}
