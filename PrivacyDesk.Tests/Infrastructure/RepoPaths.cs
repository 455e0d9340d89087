namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>Locations in the source checkout that tests need (the built app, the shared corpus).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Copies of ../shared/corpus and ../shared/fixtures, unchanged, so a bare clone can run every test.</summary>
    public static string Corpus => Path.Combine(Root, "testdata", "corpus");

    public static string Fixtures => Path.Combine(Root, "testdata", "fixtures");

    /// <summary>The app's own build output, built with the same configuration as the tests.</summary>
    public static string AppExecutable
    {
        get
        {
            var configuration = typeof(RepoPaths).Assembly.Location.Contains("/Release/") ? "Release" : "Debug";
            return Path.Combine(Root, "PrivacyDesk", "bin", configuration, "net10.0", "PrivacyDesk");
        }
    }

    public static string TestOutput
    {
        get
        {
            var dir = Path.Combine(Root, "test-output");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln"))) return dir.FullName;
        throw new InvalidOperationException("PrivacyDesk.sln not found above the test assembly.");
    }
}
