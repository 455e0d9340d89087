using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Hosting.Cli;

/// <summary>`serve` and `demo`: build the web app, migrate the database, listen.</summary>
public static class ServeCommand
{
    public static string Usage(string verb) => verb == "demo"
        ? "Serve with demo data: seeds demo merchants and staff into an empty database and creates a demo admin\nwhose generated password is printed (and kept in data/demo-admin.txt, readable by you only).\n\nusage: PrivacyDesk demo [--urls URL] [--AllowedHosts=NAME;...]"
        : $"Serve the web app.\n\nusage: PrivacyDesk serve [--urls URL] [--AllowedHosts=NAME;...]   (default {CommandLine.DefaultUrl}; AllowedHosts from appsettings.json)";

    public static async Task<int> RunAsync(string[] args, bool demo)
    {
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = arg.Split('=')[0];
            // Host-level options the framework itself understands (WebApplicationFactory passes some of these).
            if (name is not ("--urls" or "--AllowedHosts" or "--environment" or "--contentRoot" or "--applicationName" or "--ASPNETCORE_ENVIRONMENT"))
                throw new CliUsageException($"Unknown option '{name}' for serve. Use --urls to choose the address and --AllowedHosts=NAME for the host names to answer to.");
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddPrivacyDesk();
        // Only the serving process purges on a schedule; CLI verbs and tests do not.
        builder.Services.AddHostedService<PrivacyDesk.Features.Requests.Retention.RetentionWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PrivacyDesk.Features.Intake.Sources.MailPollingWorker>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PrivacyDesk.Features.Intake.Outbox.OutboxSender>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PrivacyDesk.Features.Notices.CampaignDispatcher>());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(CommandLine.DefaultUrl);

        var app = builder.Build();
        app.UsePrivacyDesk();
        await DatabaseSetup.MigrateAsync(app.Services);

        DemoCredentials? credentials = null;
        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            credentials = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureDemoAsync(new DemoSize());
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.Out.WriteLine($"PrivacyDesk is listening on {string.Join(", ", addresses)}");
            if (credentials is not null)
            {
                Console.Out.WriteLine($"  Sign in as:  {credentials.Email}");
                Console.Out.WriteLine($"  Password:    {credentials.Password}");
                Console.Out.WriteLine($"  (also in {credentials.FilePath})");
            }
        });
        await app.RunAsync();
        return 0;
    }
}
