using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Documents.AccessResponse;

/// <summary>What an access response is made of: the request, who answers, and everything held on the person.</summary>
public sealed record AccessResponseInput(PrivacyRequest Request, Merchant Merchant, CustomerProfile Profile, DateOnly Today, RequestHistory? History = null, int RequestRetentionDays = 730,
    IReadOnlyList<Review.WithheldItem>? Withheld = null)
{
    public RequestHistory Held => History ?? RequestHistory.None;
}

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
        Summary(blocks, p, input, t);
        foreach (var entry in p.Inventory.OrderBy(e => e.Category)) Category(blocks, entry, p, t);
        Requests(blocks, input.Held, t);
        PolicyNotices(blocks, p, t);
        Transfers(blocks, m, p, t);
        if (r.Jurisdiction == Jurisdiction.Ccpa) SaleAndSharing(blocks, p, t);
        blocks.Add(new PdfHeading(t["Doc.Access.Automated"]));
        blocks.Add(new PdfParagraph(t["Doc.Access.AutomatedNone"]));
        Rights(blocks, r, t);
        Withheld(blocks, p, input.Withheld ?? [], r.Jurisdiction, t);
        blocks.Add(new PdfParagraph(t.F("Doc.Closing", Salutation(input, t).TrimEnd(','))));
        blocks.Add(new PdfSignature([
            m.PrivacyOfficerName ?? m.Name, t["Doc.PrivacyOfficer"], m.LegalName ?? m.Name,
            string.Join(" · ", new[] { m.PrivacyOfficerEmail, m.PrivacyOfficerPhone }.Where(x => !string.IsNullOrWhiteSpace(x))),
        ]));
        return new PdfDoc(
            t.F("Doc.Access.DocTitle", r.Reference), m.LegalName ?? m.Name, t["Doc.Access.Title"], t.LanguageTag,
            m.Name, r.Reference, t.PageFormat, blocks, m.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter);
    }

    private static void CoverLetter(List<PdfBlock> blocks, AccessResponseInput input, DocText t)
    {
        var (r, m, p) = (input.Request, input.Merchant, input.Profile);
        blocks.Add(new PdfParagraph(Letterhead.Of(m), PdfTextStyle.Small));
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
            (t["Doc.LawApplied"], t[$"Doc.Law.{r.Jurisdiction}"]),
        ]));
        blocks.Add(new PdfParagraph(Salutation(input, t)));
        blocks.Add(new PdfParagraph(t.F("Doc.Access.Intro", m.Name, t[$"Doc.Law.{r.Jurisdiction}"])));
        if (!string.IsNullOrWhiteSpace(r.Message))
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.YourWords"], PdfTextStyle.Bold));
            blocks.Add(new PdfParagraph(r.Message.Length > 1500 ? r.Message[..1500] + " […]" : r.Message, PdfTextStyle.Italic));
        }
    }

    /// <summary>"Madame," from the record in French, else "Madame, Monsieur,"; "Dear Hélène Tremblay," in English.</summary>
    private static string Salutation(AccessResponseInput input, DocText t) =>
        t.F($"Doc.Salutation.{PrivacyDesk.Features.Requests.Templates.TemplateModel.Salutation(input.Profile.Customer.Gender)}", input.Request.RequesterName);

    private static void Summary(List<PdfBlock> blocks, CustomerProfile p, AccessResponseInput input, DocText t)
    {
        var held = input.Held;
        blocks.Add(new PdfHeading(t["Doc.Access.Summary"]));
        var rows = p.Inventory.OrderBy(e => e.Category).Select(e => (IReadOnlyList<string>)[
            t[$"Category.{e.Category}"], Shown(e.Category, p).ToString(t.Culture), Purposes(e, t), Retention(e, t)]).ToList();
        if (held.Requests.Count > 0)
            rows.Add([t["Doc.Access.Requests"], held.Requests.Count.ToString(t.Culture), t["Doc.Access.RequestsPurpose"], input.RequestRetentionDays % 365 == 0
                ? t.F("Doc.Access.RequestsRetentionYears", t.P("Doc.Years", input.RequestRetentionDays / 365))
                : t.F("Doc.Access.RequestsRetention", input.RequestRetentionDays)]);
        blocks.Add(new PdfTable(
            [new(t["Doc.Category"], 2), new(t["Doc.Records"], 1.4, AlignRight: true), new(t["Doc.Purposes"], 4), new(t["Doc.Retention"], 3)], rows));
    }

    /// <summary>The rows the category's section shows, so that the summary's count is the count the reader can check.</summary>
    internal static int Shown(DataCategory category, CustomerProfile p) => category switch
    {
        DataCategory.Identity => 1,
        DataCategory.Contact => p.ContactPoints.Count,
        DataCategory.Other => p.OtherRecords.Count,
        _ => p.CountIn(category),
    };

    /// <summary>The person's own requests to us, how their identity was verified, and the messages exchanged.</summary>
    private static void Requests(List<PdfBlock> blocks, RequestHistory held, DocText t)
    {
        if (held.Requests.Count == 0) return;
        blocks.Add(new PdfHeading(t["Doc.Access.Requests"], 2));
        blocks.Add(new PdfTable([new(t["Doc.Reference"], 1.6), new(t["Doc.ReceivedOn"], 1.4), new(t["Doc.WhatWasAsked"], 2.2), new(t["Doc.State"], 1.4), new(t["Doc.Verification"], 2.6)],
            held.Requests.Select(r => (IReadOnlyList<string>)[
                r.Reference, t.Date(r.ReceivedAt), string.Join(", ", r.Types.Select(x => t[$"Type.{x}"])),
                r.Outcome is { } o ? t[$"Outcome.{o}"] : t[$"Status.{r.Status}"],
                r.VerifiedAt is { } v ? $"{t[$"Verification.{r.VerificationMethod}"]}, {t.Date(v)}" + (string.IsNullOrWhiteSpace(r.VerificationEvidence) ? "" : $" ({r.VerificationEvidence})") : t["Doc.IdentityNotVerified"],
            ]).ToList()));
        if (held.Correspondence.Count > 0)
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.Correspondence"], PdfTextStyle.Bold));
            blocks.Add(new PdfTable([new(t["Doc.Date"], 1.3), new(t["Doc.Reference"], 1.6), new(t["Doc.From"], 1.2), new(t["Doc.Subject"], 4)],
                held.Correspondence.Select(c => (IReadOnlyList<string>)[
                    t.Date(c.At), c.Reference, c.FromUs ? t["Doc.FromUs"] : t["Doc.FromYou"], string.IsNullOrWhiteSpace(c.Subject) ? "—" : c.Subject,
                ]).ToList()));
            blocks.Add(new PdfParagraph(t["Doc.Access.CorrespondenceInZip"], PdfTextStyle.Small));
        }
        // Each part on its own: notes the officer released are printed even when no message was exchanged.
        if (held.OfficeNotes.Count == 0) return;
        blocks.Add(new PdfParagraph(t["Doc.Access.Notes"], PdfTextStyle.Bold));
        blocks.Add(new PdfTable([new(t["Doc.Date"], 1.3), new(t["Doc.Reference"], 1.6), new(t["Doc.Note"], 5)],
            held.OfficeNotes.Select(n => (IReadOnlyList<string>)[t.Date(n.At), n.Reference, n.Text]).ToList()));
    }

    /// <summary>The policy changes we told the person about (seed 000 s. 12, seed 004), and the answer where consent was asked (seed 002).</summary>
    private static void PolicyNotices(List<PdfBlock> blocks, CustomerProfile p, DocText t)
    {
        if (p.PolicyNotices is not { Count: > 0 } notices) return;
        blocks.Add(new PdfHeading(t["Doc.Access.PolicyNotices"], 2));
        blocks.Add(new PdfTable([new(t["Doc.Access.PolicyVersion"], 1.4), new(t["Doc.Access.PolicyEffective"], 1.6), new(t["Doc.Access.PolicyTold"], 2.4), new(t["Doc.Access.PolicyConsent"], 2)],
            notices.Select(n => (IReadOnlyList<string>)[
                n.PolicyLabel, t.Date(n.EffectiveOn),
                n.SentAt is { } sent && n.Status == Notices.RecipientStatus.Sent ? t.F("Doc.Access.PolicySentTo", t.Date(sent), n.Email) : t[$"Doc.Access.PolicyStatus.{n.Status}"],
                t[$"Doc.Access.PolicyConsent.{n.Consent}"] + (n.ConsentAt is { } at ? $" ({t.Date(at)})" : ""),
            ]).ToList()));
    }

    private static void Category(List<PdfBlock> blocks, DataInventoryEntry e, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t[$"Category.{e.Category}"], 2));
        blocks.Add(new PdfKeyValues([
            (t["Doc.Purposes"], Purposes(e, t)),
            (t["Doc.LegalBasis"], InventoryTexts.LegalBasis(e, t.Language)),
            (t["Doc.Source"], InventoryTexts.Source(e, t.Language)),
            (t["Doc.Recipients"], InventoryTexts.Recipients(e, t.Language) is { Length: > 0 } recipients ? recipients : t["Doc.NoRecipients"]),
            (t["Doc.StoredIn"], Places.Describe(e.Countries, t.Language)),
            (t["Doc.Retention"], Retention(e, t)),
        ]));
        var values = CategoryValues.For(e.Category, p, t);
        if (values is null) blocks.Add(new PdfParagraph(t["Doc.NoneHeld"], PdfTextStyle.Italic));
        else blocks.AddRange(values);
    }

    /// <summary>CCPA 1798.110 and 1798.115: for each category, whether it was sold or shared in the past 12 months.</summary>
    private static void SaleAndSharing(List<PdfBlock> blocks, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Sale"]));
        if (p.Inventory.All(e => e.SaleOrSharing == SaleOrSharing.Neither))
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.SaleNone"]));
            return;
        }
        blocks.Add(new PdfTable([new(t["Doc.Category"], 2), new(t["Doc.Access.SaleColumn"], 3)],
            p.Inventory.OrderBy(e => e.Category).Select(e => (IReadOnlyList<string>)[t[$"Category.{e.Category}"], t[$"Sale.{e.SaleOrSharing}"]]).ToList()));
    }

    private static void Transfers(List<PdfBlock> blocks, Merchant m, CustomerProfile p, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Transfers"]));
        var home = m.Country;
        // Each place outside the merchant's legal area, with who holds the information there (the provider the
        // inventory names beside the country, "US (AWS)", and every recipient of a disclosure made to it) and
        // the safeguard recorded for it: the inventory's for its categories, none recorded for a one-off disclosure.
        var abroad = new SortedDictionary<(string Place, string Who), TransferSafeguard>();
        void Add(string code, string? who, TransferSafeguard safeguard)
        {
            if (string.IsNullOrWhiteSpace(code) || Places.IsHome(code, home)) return;
            var key = (Places.Name(code, t.Language), string.IsNullOrWhiteSpace(who) ? "—" : who.Trim());
            // The same place and holder under two entries: the recorded safeguard wins over "none recorded".
            abroad[key] = abroad.TryGetValue(key, out var known) && known != TransferSafeguard.None ? known : safeguard;
        }
        foreach (var e in p.Inventory)
            foreach (var token in e.Countries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var (code, who) = Places.Parse(token);
                Add(code, who, e.Safeguard);
            }
        foreach (var d in p.Disclosures) Add(d.Country, d.Recipient, TransferSafeguard.None);
        var homeName = m.Province is { } prov && home == "CA" ? $"{Places.Name(prov, t.Language)}, {Places.Name(home, t.Language)}" : Places.Name(home, t.Language);
        if (abroad.Count == 0)
        {
            blocks.Add(new PdfParagraph(t.F("Doc.Access.NoTransfers", homeName)));
            return;
        }
        blocks.Add(new PdfParagraph(t.F("Doc.Access.TransfersTo", homeName)));
        blocks.Add(new PdfTable([new(t["Doc.Country"], 2), new(t["Doc.HeldBy"], 3), new(t["Doc.Safeguard"], 6)],
            abroad.Select(a => (IReadOnlyList<string>)[a.Key.Place, a.Key.Who, t[$"Doc.Safeguard.{a.Value}"]]).ToList()));
    }

    private static void Rights(List<PdfBlock> blocks, PrivacyRequest r, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Rights"]));
        // Each regime's own rights, and only those: PIPEDA promises no portability, Quebec has no "restriction".
        if (r.Jurisdiction == Jurisdiction.Gdpr) blocks.Add(new PdfParagraph(t["Doc.Access.RightsIntro"]));
        blocks.Add(new PdfBullets(RightsOf(r.Jurisdiction).Select(k => t[$"Doc.Right.{r.Jurisdiction}.{k}"]).ToList()));
        var reg = Regulators.For(r.Jurisdiction);
        blocks.Add(new PdfKeyValues([
            (t["Doc.Regulator"], reg.Name(t.Language)),
            (t["Doc.Address"], reg.AddressIn(t.Language)),
            (t["Doc.Phone"], reg.Phone),
            (t["Doc.Website"], reg.Web),
        ]));
    }

    /// <summary>The rights each regime gives, in the order its law lists them (../shared/DOMAIN.md, "What each regime's letters must say").</summary>
    internal static IReadOnlyList<string> RightsOf(Jurisdiction regime) => regime switch
    {
        Jurisdiction.Quebec => ["Rectify", "Withdraw", "Deindex", "Portability", "Review"],
        Jurisdiction.Pipeda => ["Access", "Rectify", "Withdraw", "Challenge", "Complain"],
        Jurisdiction.Gdpr => ["Rectify", "Erase", "Restrict", "Object", "Portability", "Withdraw", "Complain"],
        Jurisdiction.Ccpa => ["Know", "Delete", "Correct", "OptOut", "Limit", "NonDiscrimination", "Complain"],
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };

    private static void Withheld(List<PdfBlock> blocks, CustomerProfile p, IReadOnlyList<Review.WithheldItem> reviewed, Jurisdiction regime, DocText t)
    {
        blocks.Add(new PdfHeading(t["Doc.Access.Withheld"]));
        // "Nothing was withheld" only when it is true: no third party left out and nothing redacted at the review.
        if (p.ReferredPeople.Count == 0 && reviewed.Count == 0)
        {
            blocks.Add(new PdfParagraph(t["Doc.Access.NothingWithheld"]));
            return;
        }
        if (p.ReferredPeople.Count > 0)
        {
            // Another person's information is not the requester's to receive: say that it exists and why it is withheld.
            blocks.Add(new PdfParagraph(t.P("Doc.Access.WithheldOthers", p.ReferredPeople.Count)));
            blocks.Add(new PdfBullets(p.ReferredPeople.Select(x => $"{t.Date(x.At)} : {t.F("Doc.Access.ReferredPerson", x.Source)}".Replace(" : ", t.Language == "fr" ? " : " : ": ")).ToList()));
            blocks.Add(new PdfKeyValues([(t["Doc.Reason"], t.F("Doc.ProvisionRelied", t[$"Doc.Provision.ThirdPartyInformation.{regime}"]))]));
        }
        if (reviewed.Count > 0)
        {
            blocks.Add(new PdfParagraph(t.F("Doc.Access.WithheldReviewed", reviewed.Count, t["Doc.Redacted"])));
            blocks.Add(new PdfTable([new(t["Doc.Date"], 1.3), new(t["Doc.Item"], 2.4), new(t["Doc.WhatWeDid"], 1.6), new(t["Doc.Reason"], 5)],
                reviewed.Select(w => (IReadOnlyList<string>)[t.Date(w.At), w.Source, t[$"Doc.Choice.{w.Choice}"], t[$"Doc.Provision.{w.Ground}.{regime}"]]).ToList()));
        }
    }

    private static string Purposes(DataInventoryEntry e, DocText t) => InventoryTexts.Purposes(e, t.Language);

    /// <summary>The retention rule, and why erasure keeps the category when it does.</summary>
    private static string Retention(DataInventoryEntry e, DocText t)
    {
        var hold = t.Language == "fr" ? e.LegalHoldReasonFr : e.LegalHoldReasonEn;
        return hold is null ? InventoryTexts.Retention(e, t.Language) : $"{InventoryTexts.Retention(e, t.Language)}. {hold}";
    }
}
