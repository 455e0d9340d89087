using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// A consistent copy of the database while the app keeps serving: SQLite's online backup API copies
/// a single snapshot even as writers commit. Restore: stop the app, replace the database file with the
/// backup (and delete any -wal/-shm files beside it), start the app.
/// </summary>
public sealed class BackupVerb : CliVerb
{
    public override string Name => "backup";
    public override string Summary => "Write a consistent copy of the database to FILE while the app is serving (SQLite online backup).";
    public override string Usage => "PrivacyDesk backup FILE";

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
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
