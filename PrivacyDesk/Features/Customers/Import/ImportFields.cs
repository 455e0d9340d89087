namespace PrivacyDesk.Features.Customers.Import;

/// <summary>The fields a customer file can carry, and the header names each is recognised by.</summary>
public enum ImportField
{
    Ignore, AccountNumber, FirstName, LastName, Email, Phone, PostalAddress, PostalCode, Language, DateOfBirth, Gender, CreatedAt, LastActivityAt,
    // Records attached to a customer (orders, consents, disclosures, device logs):
    At, OrderNumber, Items, Total, Currency, PaymentMethod, Purpose, Channel, State, Source, ExpiresAt,
    Recipient, RecipientKind, Categories, Country, IpAddress, OperatingSystem, Browser, Page,
    Summary, RecordKind, Description, PersonName,
}

/// <summary>What a file holds: customers, or records of customers already imported (joined by account number).</summary>
public enum ImportEntity { Customers, Orders, Consents, Disclosures, ActivityLogs, Communications, OtherRecords, ThirdParties }

public static class ImportFields
{
    private static readonly Dictionary<string, ImportField> Aliases = new()
    {
        ["accountnumber"] = ImportField.AccountNumber, ["account"] = ImportField.AccountNumber, ["accountno"] = ImportField.AccountNumber,
        ["customerid"] = ImportField.AccountNumber, ["numerodecompte"] = ImportField.AccountNumber, ["compte"] = ImportField.AccountNumber,
        ["firstname"] = ImportField.FirstName, ["givenname"] = ImportField.FirstName, ["prenom"] = ImportField.FirstName,
        ["lastname"] = ImportField.LastName, ["surname"] = ImportField.LastName, ["familyname"] = ImportField.LastName, ["nom"] = ImportField.LastName, ["nomdefamille"] = ImportField.LastName,
        ["email"] = ImportField.Email, ["emailaddress"] = ImportField.Email, ["courriel"] = ImportField.Email, ["mail"] = ImportField.Email,
        ["phone"] = ImportField.Phone, ["phonenumber"] = ImportField.Phone, ["telephone"] = ImportField.Phone, ["tel"] = ImportField.Phone,
        ["postaladdress"] = ImportField.PostalAddress, ["address"] = ImportField.PostalAddress, ["adresse"] = ImportField.PostalAddress, ["street"] = ImportField.PostalAddress,
        ["postalcode"] = ImportField.PostalCode, ["zip"] = ImportField.PostalCode, ["zipcode"] = ImportField.PostalCode, ["codepostal"] = ImportField.PostalCode,
        ["language"] = ImportField.Language, ["lang"] = ImportField.Language, ["langue"] = ImportField.Language,
        ["dateofbirth"] = ImportField.DateOfBirth, ["birthdate"] = ImportField.DateOfBirth, ["dob"] = ImportField.DateOfBirth, ["datedenaissance"] = ImportField.DateOfBirth,
        ["gender"] = ImportField.Gender, ["sex"] = ImportField.Gender, ["genre"] = ImportField.Gender, ["sexe"] = ImportField.Gender,
        ["createdat"] = ImportField.CreatedAt, ["created"] = ImportField.CreatedAt, ["since"] = ImportField.CreatedAt,
        ["lastactivityat"] = ImportField.LastActivityAt, ["lastactivity"] = ImportField.LastActivityAt, ["lastseen"] = ImportField.LastActivityAt,
        ["at"] = ImportField.At, ["date"] = ImportField.At, ["time"] = ImportField.At, ["timestamp"] = ImportField.At, ["orderedat"] = ImportField.At, ["disclosedat"] = ImportField.At,
        ["ordernumber"] = ImportField.OrderNumber, ["order"] = ImportField.OrderNumber, ["numerodecommande"] = ImportField.OrderNumber, ["commande"] = ImportField.OrderNumber,
        ["items"] = ImportField.Items, ["products"] = ImportField.Items, ["articles"] = ImportField.Items,
        ["total"] = ImportField.Total, ["amount"] = ImportField.Total, ["montant"] = ImportField.Total,
        ["currency"] = ImportField.Currency, ["devise"] = ImportField.Currency,
        ["paymentmethod"] = ImportField.PaymentMethod, ["payment"] = ImportField.PaymentMethod, ["paiement"] = ImportField.PaymentMethod,
        ["purpose"] = ImportField.Purpose, ["fin"] = ImportField.Purpose, ["finalite"] = ImportField.Purpose,
        ["channel"] = ImportField.Channel, ["canal"] = ImportField.Channel,
        ["state"] = ImportField.State, ["status"] = ImportField.State, ["etat"] = ImportField.State,
        ["source"] = ImportField.Source, ["expiresat"] = ImportField.ExpiresAt, ["expires"] = ImportField.ExpiresAt, ["expiration"] = ImportField.ExpiresAt,
        ["recipient"] = ImportField.Recipient, ["destinataire"] = ImportField.Recipient,
        ["recipientkind"] = ImportField.RecipientKind, ["kind"] = ImportField.RecipientKind,
        ["categories"] = ImportField.Categories, ["country"] = ImportField.Country, ["pays"] = ImportField.Country,
        ["ipaddress"] = ImportField.IpAddress, ["ip"] = ImportField.IpAddress, ["operatingsystem"] = ImportField.OperatingSystem, ["os"] = ImportField.OperatingSystem,
        ["summary"] = ImportField.Summary, ["resume"] = ImportField.Summary, ["note"] = ImportField.Summary,
        ["recordkind"] = ImportField.RecordKind, ["recordtype"] = ImportField.RecordKind, ["type"] = ImportField.RecordKind,
        ["description"] = ImportField.Description, ["name"] = ImportField.PersonName, ["fullname"] = ImportField.PersonName, ["nomcomplet"] = ImportField.PersonName,
        ["browser"] = ImportField.Browser, ["navigateur"] = ImportField.Browser, ["page"] = ImportField.Page, ["url"] = ImportField.Page,
    };

    /// <summary>The field as error messages name it: PaymentMethod is "payment_method".</summary>
    public static string NameOf(ImportField field) =>
        string.Concat(field.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The fields of a row that hold a full card number: the row is refused with each named.</summary>
    public static IEnumerable<string> WithCardNumbers(ImportRow row) =>
        row.Values.Where(v => Documents.CardNumbers.Contains(v.Value)).Select(v => NameOf(v.Key));

    /// <summary>"Date de naissance", "date_of_birth" and "DOB" all mean DateOfBirth.</summary>
    public static ImportField Guess(string header)
    {
        var key = new string(Data.SearchText.Fold(header).Where(char.IsLetterOrDigit).ToArray());
        return Aliases.GetValueOrDefault(key, ImportField.Ignore);
    }
}
