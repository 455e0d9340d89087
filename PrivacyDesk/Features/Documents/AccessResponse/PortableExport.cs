using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyDesk.Features.Customers;

namespace PrivacyDesk.Features.Documents.AccessResponse;

/// <summary>
/// The machine-readable copy (Quebec's "structured, commonly used technological format", GDPR art.
/// 20): a ZIP with the same data as the PDF as one JSON file and one CSV per table, and a README in
/// the person's language saying what each file holds.
/// </summary>
public static class PortableExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, never HTML
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Build(AccessResponseInput input, DocText t)
    {
        var p = input.Profile;
        var c = p.Customer;
        var data = new
        {
            reference = input.Request.Reference,
            generatedOn = input.Today,
            merchant = input.Merchant.LegalName ?? input.Merchant.Name,
            identity = new { c.AccountNumber, c.FirstName, c.LastName, c.DateOfBirth, c.Gender, c.Language, c.CreatedAt, c.LastActivityAt },
            contactPoints = p.ContactPoints.Select(x => new { kind = x.Kind, x.Value, x.PostalCode, x.ValidFrom, x.ValidTo }),
            consents = p.Consents.Select(x => new { x.At, x.Purpose, channel = x.Channel, state = x.HasExpired(DateTimeOffset.UtcNow) ? "Expired" : x.State.ToString(), x.Source, x.ExpiresAt }),
            orders = p.Orders.Select(x => new { x.OrderNumber, x.At, x.Items, x.Total, x.Currency, x.PaymentMethodMasked }),
            activity = p.Logs.Select(x => new { x.At, x.IpAddress, x.OperatingSystem, x.Browser, x.Page }),
            communications = p.Communications.Select(x => new { x.At, x.Channel, x.Summary }),
            disclosures = p.Disclosures.Select(x => new { x.At, x.Recipient, x.RecipientKind, x.Categories, x.Purpose, x.Country }),
            otherRecords = p.OtherRecords.Select(x => new { x.At, x.Kind, x.Description }),
            policyNotices = (p.PolicyNotices ?? []).Select(x => new { policy = x.PolicyLabel, x.EffectiveOn, x.Email, status = x.Status.ToString(), x.SentAt, consent = x.Consent.ToString(), x.ConsentAt }),
            changes = p.Changes.Select(x => new { x.At, x.Field, x.OldValue, x.NewValue }),
            privacyRequests = input.Held.Requests.Select(x => new { x.Reference, x.ReceivedAt, types = x.Types, channel = x.Channel, status = x.Status, outcome = x.Outcome,
                identityVerified = x.VerifiedAt is null ? null : new { at = x.VerifiedAt, method = x.VerificationMethod, evidence = x.VerificationEvidence } }),
            correspondence = input.Held.Correspondence.Select(x => new { x.At, x.Reference, from = x.FromUs ? "us" : "you", x.Channel, x.Subject, x.Text }),
            officeNotes = input.Held.OfficeNotes.Select(x => new { x.At, x.Reference, x.Text }),
            withheld = new
            {
                referredPeople = p.ReferredPeople.Count,
                reason = t["Doc.Access.ThirdPartyReason"],
                reviewed = (input.Withheld ?? []).Select(w => new { w.At, item = w.Source, action = w.Choice.ToString(), ground = t[$"Doc.Provision.{w.Ground}.{input.Request.Jurisdiction}"] }),
            },
        };

        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, t.Language == "fr" ? "LISEZMOI.txt" : "README.txt", Encoding.UTF8.GetBytes(Readme(input, t)));
            // Masked after serialising, so that no field, free text included, carries a full card number.
            Add(zip, "data.json", Encoding.UTF8.GetBytes(CardNumbers.Mask(JsonSerializer.Serialize(data, Json))!));
            Add(zip, "contact_points.csv", CsvWriter.Write(["kind", "value", "postal_code", "valid_from", "valid_to"],
                p.ContactPoints.Select(x => (IReadOnlyList<string?>)[x.Kind.ToString(), x.Value, x.PostalCode, Iso(x.ValidFrom), Iso(x.ValidTo)])));
            Add(zip, "consents.csv", CsvWriter.Write(["date", "purpose", "channel", "state", "source", "expires"],
                p.Consents.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.Purpose, x.Channel.ToString(), x.HasExpired(DateTimeOffset.UtcNow) ? "Expired" : x.State.ToString(), x.Source, Iso(x.ExpiresAt)])));
            Add(zip, "orders.csv", CsvWriter.Write(["order_number", "date", "items", "total", "currency", "payment"],
                p.Orders.Select(x => (IReadOnlyList<string?>)[x.OrderNumber, Iso(x.At), x.Items, x.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Currency, x.PaymentMethodMasked])));
            Add(zip, "activity.csv", CsvWriter.Write(["date", "ip_address", "operating_system", "browser", "page"],
                p.Logs.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.IpAddress, x.OperatingSystem, x.Browser, x.Page])));
            Add(zip, "communications.csv", CsvWriter.Write(["date", "channel", "summary"],
                p.Communications.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.Channel, x.Summary])));
            Add(zip, "disclosures.csv", CsvWriter.Write(["date", "recipient", "recipient_kind", "categories", "purpose", "country"],
                p.Disclosures.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.Recipient, x.RecipientKind, x.Categories, x.Purpose, x.Country])));
            Add(zip, "correspondence.csv", CsvWriter.Write(["date", "reference", "from", "channel", "subject", "text"],
                input.Held.Correspondence.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.Reference, x.FromUs ? "us" : "you", x.Channel, x.Subject, x.Text])));
            Add(zip, "other_records.csv", CsvWriter.Write(["date", "kind", "description"],
                p.OtherRecords.Select(x => (IReadOnlyList<string?>)[Iso(x.At), x.Kind, x.Description])));
        }
        return ms.ToArray();
    }

    private static string Readme(AccessResponseInput input, DocText t) =>
        t.F("Doc.Zip.Readme", input.Request.Reference, input.Merchant.LegalName ?? input.Merchant.Name, t.Date(input.Today)).Replace("\\n", "\n");

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var s = entry.Open();
        s.Write(content);
    }

    private static string? Iso(DateTimeOffset? d) => d?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
