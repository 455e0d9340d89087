using Microsoft.Data.Sqlite;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

[Trait("Provider", "Sqlite")] // the SQLite file itself (PostgreSQL has its own tests in PostgresTests)
[Collection(AppServerCollection.Name)]
public sealed class BackupTests(AppServer app)
{
    private static List<string> Dump(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : r.GetValue(i).ToString())));
        return rows;
    }

    [Fact]
    public async Task A_backup_taken_while_the_app_serves_holds_the_same_data_and_a_sound_audit_chain()
    {
        var file = Path.Combine(app.Directory, "backups", $"pd-{Guid.NewGuid():N}.db");
        var (exit, output) = await app.RunCliAsync("backup", file);
        Assert.True(exit == 0, output);

        // The same rows as the live database (tests of one collection run one at a time, so nothing
        // writes meanwhile; the backup's own audit record is written after the copy).
        foreach (var sql in new[]
                 {
                     "SELECT Id, Reference, Status, LegalDue, RequesterName, Version FROM Requests ORDER BY Id",
                     "SELECT Id, AccountNumber, FirstName, LastName, Status, SearchText FROM Customers ORDER BY Id",
                     "SELECT Id, CustomerId, Kind, Value, ValidTo FROM ContactPoints ORDER BY Id",
                     "SELECT Id, Slug, Name FROM Merchants ORDER BY Id",
                 })
        {
            var live = Dump(app.DatabasePath, sql);
            Assert.NotEmpty(live);
            Assert.Equal(live, Dump(file, sql));
        }
        Assert.Equal("ok", Dump(file, "PRAGMA integrity_check").Single());

        // Restore = the backup becomes the database: the app's own verifier accepts its audit chain.
        var restoredDir = Path.Combine(app.Directory, "restored-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(restoredDir, "data"));
        File.Copy(file, Path.Combine(restoredDir, "data", "privacydesk.db"));
        File.WriteAllText(Path.Combine(restoredDir, "appsettings.json"), """{ "Database": { "Path": "data/privacydesk.db" } }""");
        var (verifyExit, verifyOutput) = await app.RunCliWithSettingsAsync(Path.Combine(restoredDir, "appsettings.json"), "verify-audit");
        Assert.True(verifyExit == 0, verifyOutput);
        Assert.Contains("OK", verifyOutput);
    }

    [Fact]
    public async Task Backing_up_onto_an_existing_file_is_refused_with_a_message()
    {
        var file = Path.Combine(app.Directory, "exists.db");
        File.WriteAllText(file, "keep me");
        var (exit, output) = await app.RunCliAsync("backup", file);
        Assert.Equal(2, exit);
        Assert.Contains("exists", output);
        Assert.Equal("keep me", File.ReadAllText(file));
    }
}
