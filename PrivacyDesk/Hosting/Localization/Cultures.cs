namespace PrivacyDesk.Hosting.Localization;

/// <summary>The two UI cultures and the mapping from a language code.</summary>
public static class Cultures
{
    public const string English = "en-CA";
    public const string French = "fr-CA";
    public static string[] Supported { get; } = [English, French];

    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
}
