using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace PrivacyDesk.Hosting;

/// <summary>
/// Finds the one appsettings.json the app reads: $PRIVACYDESK_SETTINGS if set, else the file beside
/// PrivacyDesk.sln (a source checkout), else the one beside the executable (a published app).
/// Relative paths inside it (the database file, mail folders) are resolved from its folder.
/// </summary>
public static class SettingsFile
{
    public static string Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("PRIVACYDESK_SETTINGS");
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln")) && File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
                    return Path.Combine(dir.FullName, "appsettings.json");
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "appsettings.json");
    }

    /// <summary>
    /// Replaces the template's content-root appsettings files with the located one, at the same
    /// precedence (below environment variables and the command line), so there is no second copy
    /// that silently wins.
    /// </summary>
    public static string UseIn(ConfigurationManager configuration)
    {
        var path = Locate();
        var sources = configuration.Sources;
        foreach (var json in sources.OfType<JsonConfigurationSource>().Where(s => s.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true).ToList())
            sources.Remove(json);

        var index = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!),
        };
        if (index < 0) sources.Add(source); else sources.Insert(index, source);
        configuration[BaseDirectoryKey] = Path.GetDirectoryName(path);
        return path;
    }

    public const string BaseDirectoryKey = "PrivacyDesk:SettingsDirectory";

    /// <summary>Resolves a path from the settings relative to the settings file's folder.</summary>
    public static string Resolve(IConfiguration configuration, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(configuration[BaseDirectoryKey] ?? Directory.GetCurrentDirectory(), path));
}
