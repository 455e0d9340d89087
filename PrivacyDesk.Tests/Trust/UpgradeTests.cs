using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// An installation upgraded in place keeps its data: a database file made by the last release
/// (testdata/databases, see its README) opens, migrates and keeps every row and its audit chain.
/// </summary>
[Trait("Provider", "Sqlite")] // the SQLite file itself (PostgreSQL has its own tests in PostgresTests)
public sealed class UpgradeTests
{
    private static string OldDatabase => Path.Combine(RepoPaths.Root, "testdata", "databases", "release-2026-12-01.db");

    [Fact]
    public async Task A_database_made_by_the_last_release_migrates_and_keeps_its_data_and_audit_chain()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pd-upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var copy = Path.Combine(dir, "test.db");
        File.Copy(OldDatabase, copy);
        int requestsBefore, customersBefore;
        await using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy}"))
        {
            await raw.OpenAsync();
            requestsBefore = Convert.ToInt32(await new Microsoft.Data.Sqlite.SqliteCommand("SELECT COUNT(*) FROM Requests", raw).ExecuteScalarAsync());
            customersBefore = Convert.ToInt32(await new Microsoft.Data.Sqlite.SqliteCommand("SELECT COUNT(*) FROM Customers", raw).ExecuteScalarAsync());
        }
        Assert.True(requestsBefore > 0 && customersBefore > 0);

        // The app's own start-up path on that file: TestHost migrates it.
        await using var host = await TestHost.CreateAsync($"Database:Path={copy}");
        await using var db = host.SystemDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(requestsBefore, await db.Requests.IgnoreQueryFilters().CountAsync());
        Assert.Equal(customersBefore, await db.Customers.IgnoreQueryFilters().CountAsync());
        var verification = await AuditVerifier.VerifyAsync(db);
        Assert.True(verification.Ok, verification.ToString());
        // New work lands on the old data: the queue's search still finds a demo requester.
        var someone = await db.Requests.IgnoreQueryFilters().Select(r => r.RequesterName).FirstAsync();
        Assert.NotEmpty(someone);
        // The untouched default templates became the regimes' letters; the GDPR's own wording was added.
        var templates = await db.ReplyTemplates.ToListAsync();
        Assert.Contains("{{remedy.refusal}}", templates.Single(t => t.Purpose == PrivacyDesk.Features.Requests.Templates.TemplatePurpose.Refusal && t.Language == "fr" && t.Jurisdiction == null).Body);
        Assert.Contains(templates, t => t.Jurisdiction == PrivacyDesk.Features.Requests.Deadlines.Jurisdiction.Gdpr && t.Body.Contains("données personnelles"));
        Assert.DoesNotContain(templates, t => t.Body.StartsWith("Bonjour", StringComparison.Ordinal));
        Assert.Equal(16, templates.Count(t => t.Jurisdiction == PrivacyDesk.Features.Requests.Deadlines.Jurisdiction.Gdpr)); // added once, 8 per language
        // The inventories got the French of their default legal bases and sources; facts of old incidents are in the merchant's language.
        Assert.DoesNotContain(await db.DataInventory.IgnoreQueryFilters().ToListAsync(), e => e.LegalBasisFr == "" || e.SourceFr == "");
        Assert.All(await db.Incidents.IgnoreQueryFilters().ToListAsync(), i => Assert.Equal("{}", i.Translations));
    }
}
