using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// A consistent copy of the database while the app keeps serving: SQLite's online backup API copies
/// a single snapshot even as writers commit. Restore: stop the app, replace the database file with the
/// backup (and delete any -wal/-shm files beside it), start the app. On PostgreSQL it says what to use instead
/// (pg_dump / pg_restore): copying a server's database is the server's job.
/// </summary>
public sealed class BackupVerb : CliVerb
{
    public override string Name => "backup";
    public override string Summary => "Write a consistent copy of the database to FILE while the app is serving (SQLite online backup).";
    public override string Usage => "PrivacyDesk backup FILE";

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        if (services.GetRequiredService<Data.Providers.DatabaseTarget>() is { IsPostgres: true } pg)
        {
            // The server's own tools make a consistent copy while the nodes keep writing (one snapshot, like SQLite's backup API).
            var cs = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString);
            output.WriteLine($"The database is PostgreSQL ({pg.Describe()}): back it up with the server's own tools, while the app serves:");
            output.WriteLine($"  pg_dump --format=custom --host={cs.Host} --port={cs.Port} --username={cs.Username} --file=privacydesk.dump {cs.Database}");
            output.WriteLine("Restore into an empty database, then check the audit chain:");
            output.WriteLine($"  createdb privacydesk_restored && pg_restore --no-owner --dbname=privacydesk_restored privacydesk.dump");
            output.WriteLine("  Database__ConnectionString=\"...;Database=privacydesk_restored\" PrivacyDesk verify-audit");
            output.WriteLine("README, \"PostgreSQL and several nodes\", has the whole procedure (and the Data Protection keys, which live in the database).");
            return 2;
        }
        var target = args.Positional.SingleOrDefault() ?? throw new CliUsageException("Name the backup file.");
        target = Path.GetFullPath(target);
        if (File.Exists(target)) throw new CliUsageException($"{target} exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync();
        await using (var destination = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }
        db.Audit("database.backed-up", "Database", "main", null, new { file = Path.GetFileName(target) });
        await db.SaveChangesAsync();
        output.WriteLine($"Backed up to {target} ({new FileInfo(target).Length / 1024} KiB).");
        return 0;
    }
}
