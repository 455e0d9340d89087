namespace PrivacyDesk.Hosting.Cli;

/// <summary>One verb of the command line.</summary>
public abstract class CliVerb
{
    public abstract string Name { get; }
    public abstract string Summary { get; }
    public abstract string Usage { get; }
    public virtual IReadOnlyCollection<string> ValueOptions => [];
    public virtual IReadOnlyCollection<string> Flags => [];

    /// <summary>Runs with a built (not started) app whose database is migrated.</summary>
    public abstract Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output);
}
