using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// The app's real service registration on a fresh SQLite file of its own, not started: for
/// service tests that act as a given staff member.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Directory { get; }
    public IServiceProvider Services => _app.Services;

    private readonly string? _postgres;

    private TestHost(WebApplication app, string directory, string? postgres)
    {
        _app = app;
        Directory = directory;
        _postgres = postgres;
    }

    /// <param name="settings">Extra configuration as "Section:Key=value"; the outbox's pickup folder is the host's "outbox" folder.</param>
    public static async Task<TestHost> CreateAsync(params string[] settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pd-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        // A test may name its own database (an upgrade from an old file, say); otherwise the run's provider decides.
        var database = settings.Any(s => s.StartsWith("Database:Path=", StringComparison.Ordinal) || s.StartsWith("Database:Provider=", StringComparison.Ordinal)) ? [] : await TestDatabase.SettingsAsync(Path.Combine(dir, "test.db"));
        var builder = WebApplication.CreateBuilder([.. database.Select(s => "--" + s), $"--Mail:PickupDirectory={Path.Combine(dir, "outbox")}",
            .. settings.Select(s => "--" + s)]);
        builder.AddPrivacyDesk();
        var app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);
        return new TestHost(app, dir, TestDatabase.PostgresOf(database));
    }

    public PrivacyDeskDbContext SystemDb() =>
        Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext();

    public async Task<Merchant> CreateMerchantAsync(string slug, string name, string country = "CA", string? province = "QC")
    {
        await using var db = SystemDb();
        var result = await MerchantService.CreateInAsync(db, new MerchantInput(slug, name, null, null, country, province, "fr", null, null, null, null),
            Services.GetRequiredService<UiText>(), TimeProvider.System, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Merchant!;
    }

    public async Task<string> CreateUserAsync(string email, string[] roles, params int[] merchantIds)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var result = await users.CreateAsync(new StaffUserInput(email, email, Cultures.English, roles, merchantIds), "Correct-Horse-42", AuditActor.System);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.UserId!;
    }

    /// <summary>A DI scope in which the current staff member is <paramref name="userId"/>.</summary>
    public AsyncServiceScope ActAs(string userId)
    {
        var scope = Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().UsePrincipal(principal);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TestDatabase.DropAsync(_postgres);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
