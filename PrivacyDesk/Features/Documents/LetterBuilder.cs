using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Documents;

/// <summary>
/// A letter on the merchant's letterhead from a rendered reply template (acknowledgement, extension
/// notice, refusal with reasons, confirmation of rectification or deletion): the same words as the
/// email, for people who asked by post or have no email address.
/// </summary>
public static class LetterBuilder
{
    /// <param name="addressee">Who the letter goes to when it is not the requester (a recipient of their data): name and address lines.</param>
    public static PdfDoc Build(PrivacyRequest r, Merchant m, string subject, string body, DateOnly today, DocText t, IReadOnlyList<string?>? addressee = null)
    {
        // The "[PD-…]" tag routes email replies; a letter's reader has the reference on its own line.
        subject = System.Text.RegularExpressions.Regex.Replace(subject, @"\s*\[\s*PD-\d{4}-\d{6}(?:/[0-9a-fA-F]{8})?\s*\]", "").Trim();
        var blocks = new List<PdfBlock>
        {
            new PdfParagraph(Letterhead.Of(m), PdfTextStyle.Small),
            new PdfSpacer(10),
            new PdfParagraph(t.Date(today)),
            new PdfSpacer(4),
            new PdfParagraph(string.Join("\n", (addressee ?? [r.RequesterName, r.RequesterPostalAddress]).Where(x => !string.IsNullOrWhiteSpace(x)))),
            new PdfSpacer(10),
            new PdfParagraph($"{t["Doc.Subject"]} : {subject}".Replace(" : ", t.Language == "fr" ? " : " : ": "), PdfTextStyle.Bold),
            new PdfKeyValues([(t["Doc.Reference"], r.Reference)]),
            new PdfParagraph(body),
        };
        return new PdfDoc(subject, m.LegalName ?? m.Name, subject, t.LanguageTag, m.Name, r.Reference, t.PageFormat, blocks,
            m.Country == "FR" ? PdfPageSize.A4 : PdfPageSize.Letter);
    }
}
