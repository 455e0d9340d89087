namespace PrivacyDesk.Features.Breaches;

/// <summary>
/// Where a customer lives, from what we hold: the first letter of a Canadian postal code names the
/// province (H, J, G: Quebec), a US ZIP's first three digits the state (850-865: Arizona), a
/// five-digit code under a French merchant is France.
/// </summary>
public static class Regions
{
    public static (string Country, string Region) FromPostalCode(string merchantCountry, string? postalCode)
    {
        var code = (postalCode ?? "").Trim().ToUpperInvariant();
        if (code.Length >= 3 && char.IsLetter(code[0]) && char.IsDigit(code[1]))
            return ("CA", code[0] switch
            {
                'A' => "NL", 'B' => "NS", 'C' => "PE", 'E' => "NB", 'G' or 'H' or 'J' => "QC", 'K' or 'L' or 'M' or 'N' or 'P' => "ON",
                'R' => "MB", 'S' => "SK", 'T' => "AB", 'V' => "BC", 'X' => "NT", 'Y' => "YT", _ => "",
            });
        if (code.Length >= 5 && code[..5].All(char.IsDigit))
        {
            if (merchantCountry == "FR") return ("FR", code[..2]);
            var prefix = int.Parse(code[..3], System.Globalization.CultureInfo.InvariantCulture);
            return ("US", prefix switch
            {
                >= 850 and <= 865 => "AZ", >= 900 and <= 961 => "CA", >= 100 and <= 149 => "NY", >= 750 and <= 799 => "TX",
                >= 320 and <= 349 => "FL", >= 980 and <= 994 => "WA", >= 600 and <= 629 => "IL", _ => "",
            });
        }
        return (merchantCountry, "");
    }

    private static readonly Dictionary<string, (string En, string Fr)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CA-NL"] = ("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"), ["CA-NS"] = ("Nova Scotia", "Nouvelle-Écosse"),
        ["CA-PE"] = ("Prince Edward Island", "Île-du-Prince-Édouard"), ["CA-NB"] = ("New Brunswick", "Nouveau-Brunswick"),
        ["CA-QC"] = ("Quebec", "Québec"), ["CA-ON"] = ("Ontario", "Ontario"), ["CA-MB"] = ("Manitoba", "Manitoba"),
        ["CA-SK"] = ("Saskatchewan", "Saskatchewan"), ["CA-AB"] = ("Alberta", "Alberta"), ["CA-BC"] = ("British Columbia", "Colombie-Britannique"),
        ["CA-NT"] = ("Northwest Territories", "Territoires du Nord-Ouest"), ["CA-YT"] = ("Yukon", "Yukon"), ["CA-NU"] = ("Nunavut", "Nunavut"),
        ["US-AZ"] = ("Arizona", "Arizona"), ["US-CA"] = ("California", "Californie"), ["US-NY"] = ("New York", "New York"),
        ["US-TX"] = ("Texas", "Texas"), ["US-FL"] = ("Florida", "Floride"), ["US-WA"] = ("Washington", "Washington"), ["US-IL"] = ("Illinois", "Illinois"),
    };

    /// <summary>
    /// Where a person lives, in words: "Québec", "Ontario", "Arizona"; the country alone ("Canada", "France") when the
    /// province or state is unknown (or, in France, for a department number).
    /// </summary>
    public static string Name(string country, string? region, string language)
    {
        var key = $"{country.Trim()}-{(region ?? "").Trim()}";
        if (Names.TryGetValue(key, out var n)) return language == "fr" ? n.Fr : n.En;
        var place = Documents.Places.Name(country, language);
        // "the United States" reads well in a sentence, not alone in a list.
        return language == "en" && place.StartsWith("the ", StringComparison.Ordinal) ? char.ToUpperInvariant(place[4]) + place[5..] : place;
    }
}
