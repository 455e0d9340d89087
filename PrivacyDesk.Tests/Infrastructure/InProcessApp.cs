using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// The app's own registration and pipeline served by Kestrel inside the test process, on real
/// loopback ports (optionally HTTPS with a given certificate), for tests that must set what a child
/// process cannot: the clock, or the listening endpoints.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    public int HttpPort { get; }
    public int? HttpsPort { get; }
    public IServiceProvider Services => _app.Services;
    public string HttpUrl => $"http://127.0.0.1:{HttpPort}";
    /// <summary>The pickup folder outgoing mail is written to (.eml files), unless a test configures SMTP.</summary>
    public string Outbox => Path.Combine(_directory, "outbox");

    private string? _postgres;

    private InProcessApp(WebApplication app, string directory, int httpPort, int? httpsPort)
    {
        _app = app;
        _directory = directory;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
    }

    public static async Task<InProcessApp> StartAsync(string[] settings, X509Certificate2? certificate = null, Action<IServiceCollection>? services = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pd-inproc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var httpPort = FreePort();
        int? httpsPort = certificate is null ? null : FreePort();
        var database = settings.Any(s => s.StartsWith("Database:Path=", StringComparison.Ordinal) || s.StartsWith("Database:Provider=", StringComparison.Ordinal)) ? [] : await TestDatabase.SettingsAsync(Path.Combine(dir, "app.db"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Many tests sign in from one address within a minute: the rate limits are lifted unless a test sets them (later settings win).
            Args = [.. database.Select(s => "--" + s), $"--Mail:PickupDirectory={Path.Combine(dir, "outbox")}",
                "--Security:SignInAttemptsPerMinute=100000", "--Security:ApiRequestsPerMinute=100000", "--AllowedHosts=*", .. settings.Select(s => "--" + s)],
            ApplicationName = "PrivacyDesk",
            EnvironmentName = Environments.Production,
        });
        builder.AddPrivacyDesk();
        services?.Invoke(builder.Services);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, httpPort);
            if (certificate is not null) k.Listen(IPAddress.Loopback, httpsPort!.Value, listen => listen.UseHttps(certificate));
        });
        if (httpsPort is { } port) builder.WebHost.UseSetting("https_port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);
        app.UsePrivacyDesk();
        await app.StartAsync();
        return new InProcessApp(app, dir, httpPort, httpsPort) { _postgres = TestDatabase.PostgresOf(database) };
    }

    /// <summary>An administrator, made through the app's own user service.</summary>
    public async Task CreateAdminAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(new StaffUserInput(email, "Admin", Cultures.English, [Roles.Admin], []), password, AuditActor.System);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
    }

    /// <summary>A staff member with these roles and merchants, made through the app's own user service; returns the user id.</summary>
    public async Task<string> CreateStaffAsync(string email, string password, string[] roles, params int[] merchantIds)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(new StaffUserInput(email, email, Cultures.English, roles, merchantIds), password, AuditActor.System);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return created.UserId!;
    }

    public async Task<PrivacyDesk.Features.Admin.Merchants.Merchant> CreateMerchantAsync(string slug, string name)
    {
        await using var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PrivacyDeskDbContext>>(Services).CreateSystemContext();
        var result = await PrivacyDesk.Features.Admin.Merchants.MerchantService.CreateInAsync(db,
            new PrivacyDesk.Features.Admin.Merchants.MerchantInput(slug, name, null, null, "CA", "QC", "fr", null, null, null, null),
            Services.GetRequiredService<UiText>(), TimeProvider.System, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Merchant!;
    }

    /// <summary>Turns on two-step sign-in for the user, as enrolment does, and returns the authenticator key.</summary>
    public async Task<string> EnableTwoFactorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return key;
    }

    /// <summary>A DI scope acting as this staff member (for service calls an admin or officer would make).</summary>
    public AsyncServiceScope ActAs(string userId)
    {
        var scope = Services.CreateAsyncScope();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId)], "test"));
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().UsePrincipal(principal);
        return scope;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TestDatabase.DropAsync(_postgres);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The system clock moved forward by a settable amount: time passes for the app without waiting.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
