using System.Globalization;
using System.Text;

namespace PrivacyDesk.Features.Requests;

/// <summary>The customer a request is linked to, as the request page names it, and whether what the requester gave differs from the record.</summary>
/// <param name="PhoneOnFile">The record's current phone (null: none on file), shown beside the one the requester gave when they differ.</param>
/// <param name="AddressOnFile">The record's current postal address with its postal code (null: none on file).</param>
public sealed record LinkedCustomer(int Id, string Name, string AccountNumber, bool PhoneDiffers, bool AddressDiffers, string? PhoneOnFile, string? AddressOnFile);

/// <summary>
/// Compares what a requester wrote with a customer's record the way a person would: a phone by its
/// digits (a leading North American 1 aside), an address by its words (case, accents and
/// punctuation aside) and its postal code. Nothing given is nothing to differ.
/// </summary>
public static class ContactMatch
{
    public static bool PhoneDiffers(string? given, IEnumerable<string> onFile)
    {
        var wanted = National(given);
        return wanted.Length > 0 && !onFile.Any(p => National(p) == wanted);
    }

    /// <param name="onFile">Each current address of the record: its lines and its postal code.</param>
    public static bool AddressDiffers(string? given, IEnumerable<(string Value, string? PostalCode)> onFile)
    {
        if (string.IsNullOrWhiteSpace(given)) return false;
        var words = Words(given).ToHashSet(StringComparer.Ordinal);
        var compact = string.Concat(words);
        return !onFile.Any(a => Words(a.Value).All(words.Contains)
                                && (string.IsNullOrWhiteSpace(a.PostalCode) || compact.Contains(string.Concat(Words(a.PostalCode)), StringComparison.Ordinal)));
    }

    private static string National(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }

    private static IEnumerable<string> Words(string? text)
    {
        var folded = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
