using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PrivacyDesk.Data.Providers;

/// <summary>
/// The same model on PostgreSQL. Only what the server does better differs: times are real
/// <c>timestamptz</c> (SQLite has no date type and keeps UTC ticks), normalised to UTC on the way in,
/// since Npgsql refuses a DateTimeOffset with a non-zero offset for that type (STACK.md), and cut to whole
/// microseconds, the type's precision, so that what is written is exactly what is read back. Its migrations
/// live in Data/Migrations/Postgres and are found by this type.
/// </summary>
public sealed class PostgresPrivacyDeskDbContext(DbContextOptions<PrivacyDeskDbContext> options) : PrivacyDeskDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    protected override bool TablesExist() =>
        Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Merchants'")
            .AsEnumerable().First() > 0;

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => AtMicroseconds(v), v => v.ToUniversalTime());
}

/// <summary>For <c>dotnet ef migrations add --context PostgresPrivacyDeskDbContext</c> (scripts/new-migration.sh): no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPrivacyDeskDbContext>
{
    public PostgresPrivacyDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PrivacyDeskDbContext>().UseNpgsql("Host=localhost;Database=privacydesk_design").Options);
}

/// <summary>
/// For <c>dotnet ef migrations add --context PrivacyDesk.Data.PrivacyDeskDbContext</c>: the SQLite set. Without it the
/// tools took the PostgreSQL factory for the base type too (its context derives from it).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PrivacyDeskDbContext>
{
    public PrivacyDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PrivacyDeskDbContext>().UsePrivacyDeskSqlite("Data Source=design-time.db").Options);
}
