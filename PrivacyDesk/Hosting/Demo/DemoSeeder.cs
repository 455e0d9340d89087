using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting.Demo;

public sealed record DemoSize(int Customers = 2_000, int Requests = 400)
{
    public static DemoSize Default { get; } = new();
}

public sealed record DemoCredentials(string Email, string Password, string FilePath);

/// <summary>
/// Seeds demo merchants and staff (and, through the feature seeders, their data) into a database.
/// Idempotent: running it again adds what is missing and keeps what is there.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<PrivacyDeskDbContext> factory,
    UserAdminService users,
    UiText text,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<DatabaseOptions> database,
    IEnumerable<IDemoDataSeeder> featureSeeders)
{
    public const string AdminEmail = "admin@demo.privacydesk.example";

    public async Task<DemoCredentials> EnsureDemoAsync(DemoSize size, CancellationToken ct = default)
    {
        var merchants = await EnsureMerchantsAsync(ct);
        var credentials = await EnsureStaffAsync(merchants, ct);
        foreach (var seeder in featureSeeders)
            await seeder.SeedAsync(merchants, size, ct);
        return credentials;
    }

    private async Task<IReadOnlyList<Merchant>> EnsureMerchantsAsync(CancellationToken ct)
    {
        await using var db = factory.CreateSystemContext(new AuditActor("demo", "Demo data"));
        foreach (var input in DemoMerchants.All)
        {
            if (!await db.Merchants.AnyAsync(m => m.Slug == input.Slug, ct))
                await MerchantService.CreateInAsync(db, input, text, clock, ct);
        }
        var slugs = DemoMerchants.All.Select(m => m.Slug).ToList();
        return await db.Merchants.AsNoTracking().Where(m => slugs.Contains(m.Slug)).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<DemoCredentials> EnsureStaffAsync(IReadOnlyList<Merchant> merchants, CancellationToken ct)
    {
        // Beside the SQLite file, or in the same data folder when the database is a PostgreSQL server.
        var file = Path.Combine(Path.GetDirectoryName(SettingsFile.Resolve(configuration, database.Value.Path))!, "demo-admin.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var db = factory.CreateSystemContext();
        if (await db.Users.AnyAsync(u => u.Email == AdminEmail, ct))
        {
            var known = File.Exists(file) ? (await File.ReadAllTextAsync(file, ct)).Trim() : "(set at first start; see demo-admin.txt)";
            return new DemoCredentials(AdminEmail, known, file);
        }

        // One generated password for every demo account, so a visitor can try each role.
        var password = UserAdminService.GeneratePassword();
        int Id(string slug) => merchants.First(m => m.Slug == slug).Id;
        var actor = new AuditActor("demo", "Demo data");
        var accounts = new StaffUserInput[]
        {
            new(AdminEmail, "Alex Admin", Cultures.English, [Roles.Admin], []),
            new("officer@demo.privacydesk.example", "Sophie Gagnon", Cultures.French, [Roles.PrivacyOfficer], [Id("mm-laval"), Id("mm-ottawa"), Id("boutique-riviere")]),
            new("rep@demo.privacydesk.example", "Marc Tremblay", Cultures.French, [Roles.SupportRep], [Id("mm-laval")]),
            new("manager@demo.privacydesk.example", "Grace Chen", Cultures.English, [Roles.Manager], merchants.Select(m => m.Id).ToArray()),
            new("dpo@demo.privacydesk.example", "Camille Laurent", Cultures.French, [Roles.PrivacyOfficer], [Id("minididou")]),
            new("officer.us@demo.privacydesk.example", "Carlos Mendez", Cultures.English, [Roles.PrivacyOfficer], [Id("mtr"), Id("nordtel")]),
        };
        foreach (var account in accounts)
        {
            if (await db.Users.AnyAsync(u => u.Email == account.Email, ct)) continue;
            var result = await users.CreateAsync(account, password, actor);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo user {account.Email}: {string.Join(" ", result.Errors)}");
        }

        await File.WriteAllTextAsync(file, password + Environment.NewLine, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new DemoCredentials(AdminEmail, password, file);
    }
}

/// <summary>A feature's contribution to the demo data (requests, customers, incidents).</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct);
}
