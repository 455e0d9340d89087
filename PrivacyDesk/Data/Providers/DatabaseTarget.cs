using Microsoft.EntityFrameworkCore;

namespace PrivacyDesk.Data.Providers;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database the app (or a CLI verb, a benchmark, a test host) works on: the embedded SQLite file by
/// default, or a PostgreSQL server for several app nodes. Read once from settings ("Database" section);
/// every context of the process is configured from it, so no service needs to know which one it is.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, int CommandTimeoutSeconds = 30)
{
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static DatabaseTarget Sqlite(string path, int busySeconds = 30) =>
        new(DatabaseProvider.Sqlite, $"Data Source={path};Foreign Keys=True;Pooling=True;Default Timeout={busySeconds}", busySeconds);

    public static DatabaseTarget FromConfiguration(IConfiguration configuration)
    {
        var timeout = configuration.GetValue("Database:BusyTimeoutSeconds", new Hosting.DatabaseOptions().BusyTimeoutSeconds);
        var provider = configuration["Database:Provider"] is { Length: > 0 } named
            ? Enum.TryParse<DatabaseProvider>(named, ignoreCase: true, out var p) ? p
                : throw new InvalidOperationException($"Database:Provider '{named}' is not one of: Sqlite, Postgres.")
            : DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = configuration["Database:ConnectionString"];
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider is Postgres but Database:ConnectionString is empty (e.g. \"Host=db;Database=privacydesk;Username=privacydesk;Password=...\").");
            return new(provider, cs, timeout);
        }
        var path = Hosting.SettingsFile.Resolve(configuration, configuration["Database:Path"] ?? new Hosting.DatabaseOptions().Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Sqlite(path, timeout);
    }

    /// <summary>The one place EF is told which provider to use, with the settings each needs.</summary>
    public TBuilder Configure<TBuilder>(TBuilder builder) where TBuilder : DbContextOptionsBuilder
    {
        if (IsPostgres)
            // The server's own planner reads "= ANY(@ids)" with its indexes; no constant inlining needed (SQLite's is).
            builder.UseNpgsql(ConnectionString, npgsql => npgsql.CommandTimeout(CommandTimeoutSeconds));
        else
            builder.UsePrivacyDeskSqlite(ConnectionString);
        return builder;
    }

    // Built once per target: on PostgreSQL each options instance carries its own connection pool (Npgsql data source).
    private DbContextOptions<PrivacyDeskDbContext>? _options;

    public DbContextOptions<PrivacyDeskDbContext> Options() => _options ??= Configure(new DbContextOptionsBuilder<PrivacyDeskDbContext>()).Options;

    /// <summary>A new context of the provider's own type (each provider has its own migrations, found by context type).</summary>
    public PrivacyDeskDbContext CreateContext() => ProviderContextFactory.Create(Options());

    /// <summary>What to print about the target: the file for SQLite, host and database (never the password) for PostgreSQL.</summary>
    public string Describe()
    {
        if (!IsPostgres) return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
