namespace PrivacyDesk.Hosting.Cli;

/// <summary>A command-line mistake: printed as a plain message with a non-zero exit, never a stack trace.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// `--name value` options, `--flag` switches and positional arguments of one verb. Verbs declare
/// what they accept, so a typo (`--emial`) is an error, not a silently ignored option.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public CliArgs(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { _positional.Add(arg); continue; }
            var (name, inlineValue) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (flags.Contains(name)) { _options[name] = "true"; continue; }
            if (!valueOptions.Contains(name)) throw new CliUsageException($"Unknown option '{name}'.");
            if (inlineValue is null)
            {
                if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                    throw new CliUsageException($"Option '{name}' needs a value.");
                inlineValue = e.Current;
            }
            _options[name] = inlineValue;
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) =>
        string.IsNullOrWhiteSpace(Get(name)) ? throw new CliUsageException($"Missing required option '{name}'.") : Get(name)!;

    public int GetInt(string name, int defaultValue, int min, int max)
    {
        var raw = Get(name);
        if (raw is null) return defaultValue;
        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new CliUsageException($"Option '{name}' must be a whole number from {min} to {max}, not '{raw}'.");
        return value;
    }
}
