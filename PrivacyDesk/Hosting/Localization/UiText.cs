using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace PrivacyDesk.Hosting.Localization;

/// <summary>
/// The UI's strings in English and French, read from Resources/strings.{en,fr}.json (embedded).
/// JSON rather than .resx so translators edit one readable file per language; a test checks both
/// files have the same keys and that every key the pages use exists.
/// </summary>
public sealed class UiText
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>The one instance (the strings are embedded and never change): DI hands out this one, and static renderers use it.</summary>
    public static UiText Shared { get; } = new();

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public UiText()
    {
        _byLanguage = Languages.ToFrozenDictionary(l => l, Load);
    }

    /// <summary>The string for <paramref name="key"/> in the current UI culture's language.</summary>
    public string this[string key] => Get(key, CurrentLanguage);

    /// <summary>The string formatted with arguments, e.g. T.Format("Home.Welcome", name).</summary>
    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>
    /// "{0} requests" / "{0} request": the key's ".One" or ".Other" form by the count, in the current UI language.
    /// French takes the singular for 0 and 1, English for 1 only; never a "request(s)" where the number is known.
    /// </summary>
    public string Plural(string key, int count, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, PluralForm(key, count, CurrentLanguage), args.Length == 0 ? [count] : args);

    /// <summary>The ".One" or ".Other" form of <paramref name="key"/> for <paramref name="count"/> in <paramref name="language"/>.</summary>
    public string PluralForm(string key, int count, string language) =>
        Get(key + ((language == "fr" ? count <= 1 : count == 1) ? ".One" : ".Other"), language);

    public string Get(string key, string language)
    {
        if (_byLanguage.TryGetValue(language, out var strings) && strings.TryGetValue(key, out var value)) return value;
        // A missing key shows itself rather than crashing a page; tests keep this from shipping.
        return _byLanguage["en"].TryGetValue(key, out var english) ? english : $"[{key}]";
    }

    public IReadOnlyCollection<string> Keys(string language) => _byLanguage[language].Keys;

    public bool Has(string key, string language) => _byLanguage.TryGetValue(language, out var strings) && strings.ContainsKey(key);

    public static string CurrentLanguage =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";

    private static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = $"PrivacyDesk.Resources.strings.{language}.json";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"{name} is empty.");
        return values.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
