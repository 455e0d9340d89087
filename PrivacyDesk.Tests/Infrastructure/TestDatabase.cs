using Npgsql;
using PrivacyDesk.Data.Providers;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// The database each test host gets. By default a fresh SQLite file in the host's folder; when the suite runs
/// on PostgreSQL (scripts/test.sh sets PD_TEST_PROVIDER=Postgres and PD_TEST_POSTGRES to a throwaway
/// cluster), a fresh database of its own on that server, copied from a template migrated once per run
/// (CREATE DATABASE ... TEMPLATE takes ~50 ms; migrating takes seconds), and dropped with the host.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres => Environment.GetEnvironmentVariable("PD_TEST_PROVIDER") is { } p
                                     && p.Equals("Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The throwaway server (maintenance database): set by scripts/test.sh, whatever the run's provider.</summary>
    public static string? Server => Environment.GetEnvironmentVariable("PD_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>Settings ("Section:Key=value") that put a host on a fresh database: the SQLite file given, or a new PostgreSQL database.</summary>
    public static async Task<string[]> SettingsAsync(string sqlitePath) =>
        IsPostgres
            ? ["Database:Provider=Postgres", "Database:ConnectionString=" + await CreatePostgresAsync()]
            : ["Database:Path=" + sqlitePath];

    /// <summary>A fresh, migrated PostgreSQL database on the test server; returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync()
    {
        var server = Server ?? throw new InvalidOperationException("PD_TEST_POSTGRES is not set: scripts/test.sh starts a throwaway PostgreSQL and sets it.");
        var template = await TemplateAsync(server);
        var name = "pd_t_" + Guid.NewGuid().ToString("N")[..16];
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                break;
            }
            // "source database is being accessed by other users": another copy is being made this instant.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreatePostgresAsync"/> (and its open connections).</summary>
    public static async Task DropAsync(string? connectionString)
    {
        if (Server is not { } server || connectionString is null) return;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("pd_t_", StringComparison.Ordinal)) return;
        NpgsqlConnection.ClearAllPools();
        try { await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"); }
        catch (NpgsqlException) { /* the server is going down with the run */ }
    }

    /// <summary>The connection string of a host's settings, when they name a PostgreSQL database.</summary>
    public static string? PostgresOf(IEnumerable<string> settings) =>
        settings.FirstOrDefault(s => s.StartsWith("Database:ConnectionString=", StringComparison.Ordinal))?["Database:ConnectionString=".Length..];

    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"pd_template_{Environment.ProcessId}";
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            var target = new DatabaseTarget(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString);
            await using (var db = target.CreateContext())
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally { TemplateLock.Release(); }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
