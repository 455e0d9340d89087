using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

[Trait("Provider", "Sqlite")] // the SQLite file itself (PostgreSQL has its own tests in PostgresTests)
public sealed class AuditChainTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        await _host.CreateMerchantAsync("alpha", "Alpha");
        await _host.CreateMerchantAsync("bravo", "Bravo");
        await _host.CreateUserAsync("a@example.com", ["Admin"]);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = _host.SystemDb();
        return await AuditVerifier.VerifyAsync(db);
    }

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_host.Directory, "test.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static int Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task Several_records_staged_before_one_save_are_chained_in_order()
    {
        await using (var db = _host.SystemDb())
        {
            var before = await db.AuditEntries.CountAsync();
            db.Audit("test.first", "Test", 1, null);
            db.Audit("test.second", "Test", 2, null);
            db.Audit("test.third", "Test", 3, null);
            await db.SaveChangesAsync();
            var last = await db.AuditEntries.OrderByDescending(a => a.Id).Take(3).Select(a => a.Action).ToListAsync();
            Assert.Equal(["test.third", "test.second", "test.first"], last);
            Assert.Equal(before + 3, await db.AuditEntries.CountAsync());
        }
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task An_untouched_log_verifies()
    {
        var result = await VerifyAsync();
        Assert.True(result.Ok);
        Assert.Equal(3, result.Records);
    }

    [Fact]
    public void The_database_itself_refuses_to_update_or_delete_audit_records()
    {
        using var c = Raw();
        Assert.Throws<SqliteException>(() => Exec(c, "UPDATE AuditEntries SET Action = 'x' WHERE Id = 1"));
        Assert.Throws<SqliteException>(() => Exec(c, "DELETE FROM AuditEntries WHERE Id = 1"));
    }

    [Fact]
    public async Task A_record_altered_behind_the_apps_back_is_caught_at_that_record()
    {
        using (var c = Raw())
        {
            Exec(c, "DROP TRIGGER AuditEntries_NoUpdate");
            Assert.Equal(1, Exec(c, "UPDATE AuditEntries SET Details = '{\"name\":\"Someone else\"}' WHERE Id = 2"));
        }
        var result = await VerifyAsync();
        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBrokenId);
    }

    [Fact]
    public async Task A_deleted_record_is_caught()
    {
        using (var c = Raw())
        {
            Exec(c, "DROP TRIGGER AuditEntries_NoDelete");
            Exec(c, "DELETE FROM AuditEntries WHERE Id = 2");
        }
        var result = await VerifyAsync();
        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBrokenId);
    }
}
