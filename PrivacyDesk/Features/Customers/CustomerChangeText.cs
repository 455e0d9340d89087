using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Customers;

/// <summary>
/// A history entry in the reader's language. Entries are stored in a neutral form ("LastName",
/// "Consent:Marketing:Sms", "Status" with "Deactivated") so they read the same in the audit and in
/// either language on screen.
/// </summary>
public static class CustomerChangeText
{
    public static string Field(string field, UiText text)
    {
        if (Enum.TryParse<RectifiableField>(field, out var f) && Enum.IsDefined(f)) return text[$"Field.{f}"];
        if (field == "Status") return text["Customers.StatusField"];
        var parts = field.Split(':');
        if (parts is ["Consent", var purpose, var channel] && Enum.TryParse<ConsentChannel>(channel, out var c))
            return text.Format("Customers.ConsentField", purpose, text[$"ConsentChannel.{c}"]);
        return field;
    }

    /// <summary>A stored value: a status or consent state is translated, "A/B" alternatives too; anything else (a name, an address) is shown as it is.</summary>
    public static string Value(string field, string? value, UiText text)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (field == "Status")
            return string.Join(" / ", value.Split('/').Select(v => Enum.TryParse<CustomerStatus>(v, out var s) ? text[$"CustomerStatus.{s}"] : v));
        if (field.StartsWith("Consent:", StringComparison.Ordinal) && Enum.TryParse<ConsentState>(value, out var state))
            return text[$"ConsentState.{state}"];
        return value;
    }
}
