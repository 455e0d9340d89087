using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Data.Providers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Components.Account;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Reports;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Hosting.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace PrivacyDesk.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddPrivacyDesk(this WebApplicationBuilder builder)
    {
        SettingsFile.UseIn(builder.Configuration);
        // Static web assets (MudBlazor's CSS/JS) resolve from the build output when run from source;
        // a no-op for a published app, which carries them in wwwroot.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        services.Configure<SecurityOptions>(configuration.GetSection("Security"));
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        // The framework's per-request lines ("Request starting GET /portal/<token>") would write the requester
        // portal's tokens, which are credentials, into the logs: that category logs warnings only.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // Routing's debug lines quote the path too ("candidates found for the request path ..."): information and up only.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Components.Routing", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Components.Endpoints", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticAssets", LogLevel.Information);
        builder.AddDatabase();
        builder.AddKeyRing();
        builder.AddIdentityAndAuthorization(security);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
            o.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddTransient<MudLocalizer, MudTexts>();
        services.AddSingleton(UiText.Shared);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures.English).AddSupportedCultures(Cultures.Supported).AddSupportedUICultures(Cultures.Supported);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddHealthChecks().AddDbContextCheck<PrivacyDeskDbContext>("database")
            .AddCheck<PrivacyDesk.Features.Intake.MailHealthCheck>("mail");
        services.AddScoped<Db>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(TimeProvider.System);

        // One registration per feature, beside the feature. The demo seeders run in this order:
        // customers, then requests (which link to them), mail (which may thread into requests), incidents.
        services.AddAdmin();
        services.AddCustomers();
        services.AddRequests(configuration);
        services.AddMailIntake(configuration);
        services.AddDocuments(configuration);
        services.AddReports();
        services.AddBreaches();
        Features.Portal.PortalRegistration.AddPortal(services, configuration);
        Features.Notices.NoticesRegistration.AddNotices(services, configuration);
        Features.Home.HomeRegistration.AddHome(services);
        return builder;
    }

    /// <summary>
    /// ASP.NET Data Protection keys (sign-in cookies, antiforgery tokens, the mailbox secrets stored in the
    /// database) are kept where the app's data lives, DataProtection:KeysDirectory or "keys" beside the
    /// database: the framework's default is a folder of the user's home that a service account may not
    /// have, and losing the keys would make every stored mailbox secret unreadable. The folder is the
    /// service user's alone (0700); back it up with the database.
    /// </summary>
    private static void AddKeyRing(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var ring = builder.Services.AddDataProtection().SetApplicationName("PrivacyDesk");
        // Several app nodes must read each other's cookies, antiforgery tokens and stored secrets: on PostgreSQL
        // the ring lives in the shared database (DataProtection:Store = Database, the default there).
        var store = configuration["DataProtection:Store"] is { Length: > 0 } named ? named
            : DatabaseTarget.FromConfiguration(configuration).IsPostgres ? "Database" : "Files";
        if (string.Equals(store, "Database", StringComparison.OrdinalIgnoreCase))
            ring.PersistKeysToDbContext<PrivacyDeskDbContext>();
        else
        {
            var database = SettingsFile.Resolve(configuration, configuration["Database:Path"] ?? new DatabaseOptions().Path);
            var keys = configuration["DataProtection:KeysDirectory"] is { Length: > 0 } configured
                ? SettingsFile.Resolve(configuration, configured)
                : Path.Combine(Path.GetDirectoryName(database)!, "keys");
            var folder = Directory.CreateDirectory(keys);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            ring.PersistKeysToFileSystem(folder);
        }
        // Linux has no DPAPI: without a certificate the keys rest unencrypted (the framework warns so at
        // start-up) and the folder's (or the database's) permissions are their protection. With one, they are encrypted with it.
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } pfx)
            ring.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                SettingsFile.Resolve(configuration, pfx), configuration["DataProtection:CertificatePassword"]));
    }

    private static void AddDatabase(this WebApplicationBuilder builder)
    {
        var target = DatabaseTarget.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(target);
        builder.Services.AddDbContextFactory<PrivacyDeskDbContext, ProviderContextFactory>(o => target.Configure(o));
        builder.Services.AddSingleton(sp => Data.Providers.WorkLeases.For(target));
    }

    private static void AddIdentityAndAuthorization(this WebApplicationBuilder builder, SecurityOptions security)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();

        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            // Only the proxies named in settings may say the request came over HTTPS (or from whom).
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in security.TrustedProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.SessionIdleMinutes);
            o.Cookie.Name = "PrivacyDesk.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Events.OnValidatePrincipal = SessionLifetime.EnforceMaximumAsync;
            // API callers get status codes, not a login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            // Signing in on the login page makes the cookie handler itself redirect to the page's ReturnUrl, checked
            // only for "starts with one slash": "/~\/evil.example" passed. Our own check decides instead.
            o.Events.OnRedirectToReturnUrl = ctx =>
            {
                ctx.Response.Redirect(AccountEndpoints.SafeLocal(ctx.RedirectUri));
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = security.PasswordMinLength;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PrivacyDeskDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<StaffUser>, PrivacyDesk.Components.Account.StaffClaimsFactory>();
        // Identity's stores want a scoped context; it is only used by Identity's own managers.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext());

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o => o.Cookie.Name = "PrivacyDesk.Antiforgery");
        services.AddPrivacyDeskRateLimits();
        services.AddScoped<SignInGate>();
        services.AddSingleton<UnknownAccountAttempts>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitSessionGuard>();
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/health"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
