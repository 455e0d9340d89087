using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Components.Account;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Hosting.Localization;
using Radzen;

namespace PrivacyDesk.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddPrivacyDesk(this WebApplicationBuilder builder)
    {
        SettingsFile.UseIn(builder.Configuration);
        // Static web assets (Radzen's CSS/JS) resolve from the build output when run from source;
        // a no-op for a published app, which carries them in wwwroot.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
        services.Configure<SecurityOptions>(builder.Configuration.GetSection("Security"));
        services.Configure<PrivacyDesk.Features.Requests.Retention.RetentionOptions>(builder.Configuration.GetSection("Retention"));
        var security = builder.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        builder.AddDatabase();
        builder.AddIdentityAndAuthorization(security);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddSingleton<UiText>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures.English).AddSupportedCultures(Cultures.Supported).AddSupportedUICultures(Cultures.Supported);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddHealthChecks().AddDbContextCheck<PrivacyDeskDbContext>("database")
            .AddCheck<PrivacyDesk.Features.Intake.MailHealthCheck>("mail");

        services.AddScoped<CurrentStaff>();
        services.AddScoped<Db>();
        services.AddScoped<MerchantService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<PrivacyDesk.Hosting.Demo.DemoSeeder>();
        services.AddSingleton<RequestIntake>();
        services.AddSingleton<DeadlineExplainer>();
        services.AddScoped<RequestWorkflow>();
        services.AddScoped<RequestQueue>();
        services.AddScoped<ReplyTemplateService>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<PrivacyDesk.Features.Requests.Retention.RequestRetention>();
        services.AddScoped<IDemoDataSeeder, PrivacyDesk.Features.Customers.DemoCustomers>(); // before requests, which link to customers
        services.AddScoped<IDemoDataSeeder, DemoRequests>();
        services.AddScoped<IDemoDataSeeder, PrivacyDesk.Features.Intake.DemoMail>(); // after requests: mail replies may thread into them
        services.AddScoped<IDemoDataSeeder, PrivacyDesk.Features.Breaches.DemoIncidents>();
        services.AddScoped<PrivacyDesk.Features.Customers.CustomerService>();
        services.AddScoped<PrivacyDesk.Features.Customers.CustomerActions>();
        services.AddScoped<PrivacyDesk.Features.Customers.Inventory.InventoryService>();
        services.AddSingleton<PrivacyDesk.Features.Customers.Import.CustomerImporter>();
        services.AddSingleton<PrivacyDesk.Features.Customers.Import.RecordImporter>();
        services.AddScoped<PrivacyDesk.Features.Customers.Import.CustomerImportService>();
        builder.AddMailIntake();
        if (builder.Configuration["Documents:FontDirectory"] is { Length: > 0 } fonts)
            PrivacyDesk.Features.Documents.Pdf.PdfFonts.Directory = SettingsFile.Resolve(builder.Configuration, fonts);
        services.AddSingleton(TimeProvider.System);
        return builder;
    }

    private static void AddMailIntake(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PrivacyDesk.Features.Intake.IntakeOptions>(builder.Configuration.GetSection("Intake"));
        services.Configure<PrivacyDesk.Features.Intake.MailOptions>(builder.Configuration.GetSection("Mail"));
        services.AddSingleton<PrivacyDesk.Features.Intake.MailThreading>();
        services.AddSingleton<PrivacyDesk.Features.Intake.AutoAcknowledgement>();
        services.AddSingleton<PrivacyDesk.Features.Intake.MailIntake>();
        services.AddSingleton<PrivacyDesk.Features.Intake.Sources.MaildirPoller>();
        services.AddSingleton<PrivacyDesk.Features.Intake.Sources.ImapPoller>();
        services.AddSingleton<PrivacyDesk.Features.Intake.Sources.MailPollingWorker>();
        services.AddSingleton<PrivacyDesk.Features.Intake.Outbox.IMailTransport, PrivacyDesk.Features.Intake.Outbox.SmtpMailTransport>();
        services.AddSingleton<PrivacyDesk.Features.Intake.Outbox.OutboxSender>();
        services.AddScoped<PrivacyDesk.Features.Intake.MailboxService>();
        services.AddScoped<PrivacyDesk.Features.Documents.DocumentService>();
        services.AddScoped<PrivacyDesk.Features.Reports.ReportService>();
        services.AddScoped<PrivacyDesk.Features.Breaches.BreachService>();
    }

    private static void AddDatabase(this WebApplicationBuilder builder)
    {
        var path = SettingsFile.Resolve(builder.Configuration, builder.Configuration["Database:Path"] ?? new DatabaseOptions().Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var busySeconds = builder.Configuration.GetValue("Database:BusyTimeoutSeconds", new DatabaseOptions().BusyTimeoutSeconds);
        var connectionString = $"Data Source={path};Foreign Keys=True;Pooling=True;Default Timeout={busySeconds}";
        builder.Services.AddDbContextFactory<PrivacyDeskDbContext>(o => o.UsePrivacyDeskSqlite(connectionString));
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
            o.KnownNetworks.Clear();
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
