namespace PrivacyDesk.Features.Customers.Import;

/// <summary>The fields a customer file can carry, and the header names each is recognised by.</summary>
public enum ImportField
{
    Ignore, AccountNumber, FirstName, LastName, Email, Phone, PostalAddress, PostalCode, Language, DateOfBirth, Gender, CreatedAt, LastActivityAt,
}

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
    };

    /// <summary>"Date de naissance", "date_of_birth" and "DOB" all mean DateOfBirth.</summary>
    public static ImportField Guess(string header)
    {
        var key = new string(Data.SearchText.Fold(header).Where(char.IsLetterOrDigit).ToArray());
        return Aliases.GetValueOrDefault(key, ImportField.Ignore);
    }
}
