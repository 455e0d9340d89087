using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>A read-only database file or a full disk gives a clear, typed error (shown to the user by the page's error boundary), and nothing half-written.</summary>
[Trait("Provider", "Sqlite")] // the SQLite file itself (PostgreSQL has its own tests in PostgresTests)
public sealed class StorageFailureTests
{
    private static Merchant NewMerchant(string slug) => new() { Slug = slug, Name = slug, Country = "CA", Province = "QC" };

    [Fact]
    public async Task A_read_only_database_says_so()
    {
        await using var host = await TestHost.CreateAsync();
        var path = Path.Combine(host.Directory, "test.db");
        var options = new DbContextOptionsBuilder<PrivacyDeskDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly;Pooling=False").Options;
        await using var db = new PrivacyDeskDbContext(options).WithScope(MerchantScope.System, AuditActor.Cli);
        db.Merchants.Add(NewMerchant("readonly"));

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.SaveChangesAsync());
        Assert.Equal(StorageProblem.ReadOnly, e.Problem);
        await using var check = host.SystemDb();
        Assert.False(await check.Merchants.AnyAsync(m => m.Slug == "readonly"));
    }

    [Fact]
    public async Task A_full_disk_says_so_and_keeps_nothing_of_the_failed_save()
    {
        await using var host = await TestHost.CreateAsync();
        var path = Path.Combine(host.Directory, "test.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            // SQLite's own limit stands in for the disk: the file may not grow by a single page.
            pragma.CommandText = "SELECT page_count FROM pragma_page_count();";
            var pages = Convert.ToInt64(await pragma.ExecuteScalarAsync());
            pragma.CommandText = $"PRAGMA max_page_count = {pages};";
            await pragma.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<PrivacyDeskDbContext>().UseSqlite(connection).Options;
        await using var db = new PrivacyDeskDbContext(options).WithScope(MerchantScope.System, AuditActor.Cli);
        for (var i = 0; i < 200; i++) db.Merchants.Add(NewMerchant($"full-{i}"));
        foreach (var m in db.ChangeTracker.Entries<Merchant>()) m.Entity.PostalAddress = new string('x', 4000);

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.SaveChangesAsync());
        Assert.Equal(StorageProblem.Full, e.Problem);
        await using var check = host.SystemDb();
        Assert.False(await check.Merchants.AnyAsync(m => m.Slug.StartsWith("full-")));
    }
}
