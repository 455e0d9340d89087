using Microsoft.EntityFrameworkCore;

namespace PrivacyDesk.Data.Providers;

/// <summary>
/// Hands out contexts of the configured provider's own type: <see cref="PrivacyDeskDbContext"/> on SQLite,
/// <see cref="PostgresPrivacyDeskDbContext"/> on PostgreSQL. EF finds a context's migrations by its exact
/// type, so this is what keeps the two migration sets apart while every service asks for the base type.
/// </summary>
public sealed class ProviderContextFactory(DbContextOptions<PrivacyDeskDbContext> options) : IDbContextFactory<PrivacyDeskDbContext>
{
    public PrivacyDeskDbContext CreateDbContext() => Create(options);

    public static PrivacyDeskDbContext Create(DbContextOptions<PrivacyDeskDbContext> options) =>
        IsPostgres(options) ? new PostgresPrivacyDeskDbContext(options) : new PrivacyDeskDbContext(options);

    public static bool IsPostgres(DbContextOptions options) =>
        options.Extensions.Any(e => e.GetType().Name == "NpgsqlOptionsExtension");
}
