namespace PrivacyDesk.Features.Documents;

/// <summary>
/// Countries as a reader reads them ("États-Unis", not "US"), and what "outside" means for the
/// merchant's law: outside Canada for a Canadian merchant, outside the European Economic Area for a
/// French one (the GDPR regulates transfers out of the EEA: Ireland is not "abroad" for a shop in
/// Lyon), outside the United States for an American one.
/// </summary>
public static class Places
{
    private static readonly Dictionary<string, (string En, string Fr)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CA"] = ("Canada", "Canada"), ["US"] = ("the United States", "États-Unis"), ["FR"] = ("France", "France"),
        ["EU"] = ("the European Union", "Union européenne"), ["EEA"] = ("the European Economic Area", "Espace économique européen"),
        ["IE"] = ("Ireland", "Irlande"), ["DE"] = ("Germany", "Allemagne"), ["NL"] = ("the Netherlands", "Pays-Bas"), ["BE"] = ("Belgium", "Belgique"),
        ["LU"] = ("Luxembourg", "Luxembourg"), ["ES"] = ("Spain", "Espagne"), ["IT"] = ("Italy", "Italie"), ["GB"] = ("the United Kingdom", "Royaume-Uni"),
        ["UK"] = ("the United Kingdom", "Royaume-Uni"), ["CH"] = ("Switzerland", "Suisse"), ["IN"] = ("India", "Inde"), ["SG"] = ("Singapore", "Singapour"),
        ["QC"] = ("Quebec", "Québec"), ["ON"] = ("Ontario", "Ontario"),
    };

    private static readonly HashSet<string> Eea = new(StringComparer.OrdinalIgnoreCase)
    {
        "EU", "EEA", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL",
        "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    public static string Name(string code, string language)
    {
        if (Names.TryGetValue(code.Trim(), out var n)) return language == "fr" ? n.Fr : n.En;
        try { return new System.Globalization.RegionInfo(code.Trim()).EnglishName; }
        catch (ArgumentException) { return code.Trim(); }
    }

    /// <summary>Is a place in the merchant's own legal area (no transfer to tell about)?</summary>
    public static bool IsHome(string code, string merchantCountry) =>
        string.Equals(code.Trim(), merchantCountry, StringComparison.OrdinalIgnoreCase)
        || (Eea.Contains(merchantCountry) && Eea.Contains(code.Trim()));

    /// <summary>"CA, US (AWS)" as "Canada, États-Unis (AWS)": an inventory's list of places in words.</summary>
    public static string Describe(string countries, string language) =>
        string.Join(", ", countries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Parse).Select(p => p.Who is null ? Name(p.Code, language) : $"{Name(p.Code, language)} ({p.Who})"));

    /// <summary>"US (AWS)" is the place US with the provider AWS; "FR" is a place alone.</summary>
    public static (string Code, string? Who) Parse(string token)
    {
        var t = token.Trim();
        var open = t.IndexOf('(');
        return open < 0 ? (t, null) : (t[..open].Trim(), t[(open + 1)..].TrimEnd(')').Trim());
    }
}
