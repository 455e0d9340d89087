using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents.Pdf;

namespace PrivacyDesk.Features.Documents.AccessResponse;

/// <summary>The values held in one category of the inventory, as the blocks of the access response; null when nothing is held.</summary>
internal static class CategoryValues
{
    public static IReadOnlyList<PdfBlock>? For(DataCategory category, CustomerProfile p, DocText t) => category switch
    {
        DataCategory.Identity => Identity(p, t),
        DataCategory.Contact => Table(p.ContactPoints, [new(t["Doc.Kind"]), new(t["Doc.Value"], 3), new(t["Doc.From"]), new(t["Doc.Until"])],
            c => [t[$"ContactKind.{c.Kind}"], c.PostalCode is null ? c.Value : $"{c.Value} {c.PostalCode}", t.Date(c.ValidFrom), c.ValidTo is { } to ? t.Date(to) : t["Doc.Current"]]),
        DataCategory.Preferences => Table(p.Consents, [new(t["Doc.Date"]), new(t["Doc.Purpose"], 2), new(t["Doc.Channel"]), new(t["Doc.State"]), new(t["Doc.Source"], 2)],
            c => [t.Date(c.At), c.Purpose, t[$"ConsentChannel.{c.Channel}"], ConsentStateText(c, t), c.Source]),
        DataCategory.Orders => Table(p.Orders, [new(t["Doc.Order"]), new(t["Doc.Date"]), new(t["Doc.Items"], 3), new(t["Doc.Total"], 1.2, AlignRight: true), new(t["Doc.Payment"], 1.3)],
            o => [o.OrderNumber, t.Date(o.At), o.Items, t.Money(o.Total, o.Currency), o.PaymentMethodMasked ?? ""]),
        DataCategory.DeviceAndLogs => Table(p.Logs, [new(t["Doc.Date"], 1.4), new(t["Doc.IpAddress"]), new(t["Doc.System"]), new(t["Doc.Browser"]), new(t["Doc.Page"], 1.5)],
            l => [t.DateTime(l.At), l.IpAddress ?? "", l.OperatingSystem ?? "", l.Browser ?? "", l.Page ?? ""]),
        DataCategory.Communications => Table(p.Communications, [new(t["Doc.Date"]), new(t["Doc.Channel"]), new(t["Doc.Summary"], 4)],
            c => [t.Date(c.At), Channel(c.Channel, t), c.Summary]),
        DataCategory.Disclosures => Table(p.Disclosures, [new(t["Doc.Date"]), new(t["Doc.Recipient"], 2), new(t["Doc.Kind"]), new(t["Doc.Categories"], 2), new(t["Doc.Purpose"], 2), new(t["Doc.Country"])],
            d => [t.Date(d.At), d.Recipient, d.RecipientKind, d.Categories, d.Purpose, Places.Name(d.Country, t.Language)]),
        DataCategory.Other => Table(p.OtherRecords, [new(t["Doc.Date"]), new(t["Doc.Kind"]), new(t["Doc.Description"], 4)],
            o => [t.Date(o.At), o.Kind, o.Description]),
        _ => null,
    };

    /// <summary>"Granted until 3 March 2027", "Expired on 1 October 2026", "Withdrawn": an expired consent is never shown as granted.</summary>
    internal static string ConsentStateText(Consent c, DocText t) =>
        c.HasExpired(DateTimeOffset.UtcNow) ? t.F("Doc.ConsentExpired", t.Date(c.ExpiresAt!.Value))
        : c.State == ConsentState.Granted && c.ExpiresAt is { } until ? t.F("Doc.ConsentGrantedUntil", t.Date(until))
        : t[$"ConsentState.{c.State}"];

    /// <summary>"F" and "M" as words; anything else as it was recorded.</summary>
    internal static string GenderText(string? gender, DocText t) => Requests.Templates.TemplateModel.Salutation(gender) switch
    {
        "F" => t["Doc.Gender.F"],
        "M" => t["Doc.Gender.M"],
        _ => string.IsNullOrWhiteSpace(gender) ? "—" : gender,
    };

    /// <summary>A channel recorded as a code ("Email", "Phone", "Sms") in words; a channel written by hand stays as written.</summary>
    internal static string Channel(string channel, DocText t) =>
        Enum.TryParse<ConsentChannel>(channel, true, out var c) && Enum.IsDefined(c) ? t[$"ConsentChannel.{c}"]
        : Enum.TryParse<Requests.RequestChannel>(channel, true, out var r) && Enum.IsDefined(r) ? t[$"Channel.{r}"]
        : channel;

    private static IReadOnlyList<PdfBlock>? Table<T>(IReadOnlyList<T> rows, IReadOnlyList<PdfColumn> columns, Func<T, IReadOnlyList<string>> cells) =>
        rows.Count == 0 ? null : [new PdfTable(columns, rows.Select(cells).ToList())];

    private static IReadOnlyList<PdfBlock> Identity(CustomerProfile p, DocText t)
    {
        var c = p.Customer;
        var blocks = new List<PdfBlock>
        {
            new PdfKeyValues([
                (t["Doc.Name"], c.FullName),
                (t["Doc.Account"], c.AccountNumber),
                (t["Doc.BirthDate"], c.DateOfBirth is { } dob ? t.Date(dob) : "—"),
                (t["Doc.Gender"], GenderText(c.Gender, t)),
                (t["Doc.PreferredLanguage"], t[$"Language.{c.Language}"]),
                (t["Doc.CustomerSince"], t.Date(c.CreatedAt)),
                (t["Doc.LastActivity"], c.LastActivityAt is { } la ? t.Date(la) : "—"),
            ]),
        };
        if (p.Changes.Count > 0)
        {
            blocks.Add(new PdfParagraph(t["Doc.ChangeHistory"], PdfTextStyle.Bold));
            blocks.Add(new PdfTable([new(t["Doc.Date"]), new(t["Doc.Field"]), new(t["Doc.OldValue"], 2), new(t["Doc.NewValue"], 2)],
                p.Changes.Select(x => (IReadOnlyList<string>)[t.Date(x.At), x.Field, x.OldValue ?? "—", x.NewValue ?? "—"]).ToList()));
        }
        return blocks;
    }
}
