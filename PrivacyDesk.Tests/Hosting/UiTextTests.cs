using System.Text.RegularExpressions;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Hosting;

public sealed partial class UiTextTests
{
    private readonly UiText _text = new();

    [Fact]
    public void English_and_French_have_the_same_keys()
    {
        var en = _text.Keys("en").ToHashSet();
        var fr = _text.Keys("fr").ToHashSet();
        Assert.Empty(en.Except(fr));
        Assert.Empty(fr.Except(en));
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        // Keys appear in code as T["A.B"], T.Format("A.B", ...), text["A.B"], T[$"Role.{r}"] (prefix checked).
        var source = Path.Combine(RepoPaths.Root, "PrivacyDesk");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var en = _text.Keys("en").ToHashSet();
        var missing = used.Where(u => u.Key.EndsWith('.') ? !en.Any(k => k.StartsWith(u.Key)) : !en.Contains(u.Key))
            .Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing UI strings:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_counted_string_has_its_singular_and_plural_in_both_languages()
    {
        var source = Path.Combine(RepoPaths.Root, "PrivacyDesk");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => PluralUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Distinct().ToList();
        Assert.Contains("Doc.Access.WithheldOthers", used);
        var missing = used.SelectMany(k => new[] { k + ".One", k + ".Other" }).Where(k => !_text.Has(k, "en") || !_text.Has(k, "fr")).ToList();
        Assert.True(missing.Count == 0, "Missing plural forms: " + string.Join(", ", missing));
        // And no "(s)" left where a number is known: the count picks the form.
        var bracketed = _text.Keys("fr").Where(k => _text.Get(k, "fr").Contains("(s)") || _text.Get(k, "en").Contains("(s)")).ToList();
        Assert.True(bracketed.Count == 0, "Plurals in brackets: " + string.Join(", ", bracketed));
    }

    [GeneratedRegex(@"\.(?:Plural|P)\(""(?<key>[A-Z][A-Za-z]+\.[A-Za-z.]+)""")]
    private static partial Regex PluralUse();

    [Fact]
    public void French_strings_are_not_English_copies()
    {
        // Single words may legitimately be the same ("Rectification", "Document"); sentences may not.
        var same = _text.Keys("en").Where(k => _text.Get(k, "en") == _text.Get(k, "fr") && _text.Get(k, "en").Trim().Contains(' ')).ToList();
        Assert.True(same.Count == 0, "Untranslated: " + string.Join(", ", same));
    }

    [GeneratedRegex(@"\b(?:T|text|Text)(?:\.Format\(|\.Get\(|\[)\$?""(?<key>[A-Z][A-Za-z]+\.[A-Za-z.]*?)(?:\{[^""]*)?""")]
    private static partial Regex KeyUse();
}
