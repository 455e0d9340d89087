using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Hosting;

/// <summary>Start-up work on the database: migrations, WAL (SQLite), the four roles, default templates; once across nodes.</summary>
public static class DatabaseSetup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>();
        // Two nodes started together would both add the roles and default templates: one does it, the other then finds them.
        await using var lease = await services.GetRequiredService<Data.Providers.WorkLeases>().AcquireAsync("start-up", ct);
        await using var db = factory.CreateSystemContext();
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            // WAL lets readers (every staff page) proceed while intake or an import writes.
            if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // EF Core holds a lock row (__EFMigrationsLock) for the whole of MigrateAsync, even with nothing to apply;
            // a process killed inside it leaves the row, and the next start waited for ever (an import killed at
            // start-up, then rerun: MailCrashTests). Ordinary starts have nothing pending and take no lock.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) await db.Database.MigrateAsync(ct);
        }
        catch (System.Data.Common.DbException ex)
        {
            var where = services.GetRequiredService<Data.Providers.DatabaseTarget>().Describe();
            throw new InvalidOperationException($"Cannot open or migrate the database '{where}': {ex.Message}", ex);
        }

        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);
        await ReplyTemplateService.EnsureDefaultsAsync(db, ct);
        await PrivacyDesk.Features.Customers.Inventory.InventoryUpgrades.ApplyAsync(db, ct);
        await PrivacyDesk.Features.Intake.ThreadTags.EnsureKeyAsync(db, ct);
    }
}
