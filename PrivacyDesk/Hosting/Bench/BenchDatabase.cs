using Microsoft.EntityFrameworkCore;
using Npgsql;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// A throw-away database for one benchmark run, never the configured one: a SQLite file in a temp folder, or a
/// new database on the PostgreSQL server named by --postgres (or PD_BENCH_POSTGRES), dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly string? _server, _name;
    public DatabaseTarget Target { get; }
    public string Folder => _folder.FullName;
    public string Label => Target.IsPostgres ? "PostgreSQL" : "SQLite";

    private BenchDatabase(DirectoryInfo folder, DatabaseTarget target, string? server, string? name)
    {
        _folder = folder;
        Target = target;
        _server = server;
        _name = name;
    }

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? postgresServer)
    {
        var folder = Directory.CreateTempSubdirectory("pd-bench-");
        if (provider == DatabaseProvider.Sqlite)
            return new(folder, new DatabaseTarget(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "bench.db")};Pooling=True"), null, null);
        var server = postgresServer ?? throw new Cli.CliUsageException("--provider postgres needs --postgres \"Host=...;Username=...\" (a server where the benchmark may create and drop a database).");
        var name = "pd_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new(folder, new DatabaseTarget(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString), server, name);
    }

    public async Task<PrivacyDeskDbContext> MigratedSystemContextAsync()
    {
        var db = Target.CreateContext();
        await db.Database.MigrateAsync();
        if (!Target.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return db.WithScope(MerchantScope.System, AuditActor.Cli);
    }

    public string ServerVersion(PrivacyDeskDbContext db) => Target.IsPostgres
        ? "PostgreSQL " + db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").AsEnumerable().First()
        : "SQLite " + db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS Value").AsEnumerable().First();

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        var keep = Environment.GetEnvironmentVariable("PD_BENCH_KEEP") == "1";
        if (_server is not null && !keep) await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        if (!keep) _folder.Delete(recursive: true);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>One scenario's latencies; the raw column is the same query by hand (SQLite only: the reference the EF query is held to).</summary>
public sealed record BenchTiming(string Scenario, double P50, double P95, double? RawP50 = null, double? RawP95 = null);

internal static class BenchComparison
{
    /// <summary>The two providers side by side, with the PostgreSQL/SQLite ratio of p95.</summary>
    public static void Print(TextWriter output, string title, IReadOnlyList<BenchTiming> sqlite, IReadOnlyList<BenchTiming> postgres)
    {
        output.WriteLine();
        output.WriteLine($"{title}: SQLite and PostgreSQL side by side (milliseconds, EF query of the app)");
        output.WriteLine($"{"scenario",-32} {"SQLite p50",10} {"p95",7} {"PG p50",8} {"p95",7} {"PG/SQLite p95",14}");
        foreach (var s in sqlite)
        {
            var p = postgres.FirstOrDefault(x => x.Scenario == s.Scenario);
            if (p is null) continue;
            output.WriteLine($"{s.Scenario,-32} {s.P50,10:F2} {s.P95,7:F2} {p.P50,8:F2} {p.P95,7:F2} {p.P95 / s.P95,13:F2}x");
        }
    }
}
