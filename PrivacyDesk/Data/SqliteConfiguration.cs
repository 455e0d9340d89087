using Microsoft.EntityFrameworkCore;

namespace PrivacyDesk.Data;

public static class SqliteConfiguration
{
    /// <summary>
    /// The one place the app (and its benchmarks) configure EF on SQLite. Small collections in
    /// queries (the user's merchant ids, the open statuses) are inlined as constants: SQLite's
    /// planner cannot use an index through json_each(@param), and the queue then scans the table
    /// (measured: 28 ms instead of under 1 ms at 100,000 requests; see BENCHMARKS.md).
    /// </summary>
    public static DbContextOptionsBuilder UsePrivacyDeskSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Constant));

    public static DbContextOptionsBuilder<TContext> UsePrivacyDeskSqlite<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext =>
        builder.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Constant));
}
