using PrivacyDesk.Hosting.Cli.Verbs;

namespace PrivacyDesk.Hosting.Cli;

/// <summary>
/// The one executable's verbs: `serve` (default), `demo`, and the provisioning verbs listed in
/// <see cref="Verbs"/>. A bad argument prints a clear message and exits 2; a failure exits 1.
/// </summary>
public static class CommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly CliVerb[] Verbs =
    [
        new MigrateVerb(), new CreateAdminVerb(), new CreateMerchantVerb(), new ListMerchantsVerb(), new SeedDemoVerb(),
        new CreateApiKeyVerb(), new ImportCustomersVerb(), new VerifyAuditVerb(), new BackupVerb(), new PurgeRetentionVerb(), new BenchVerb(), new ParseVerb(), new ClassifyVerb(), new ImportMailVerb(), new PollMailVerb(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var first = args.FirstOrDefault();
        try
        {
            switch (first)
            {
                case null:
                case var s when s.StartsWith("--", StringComparison.Ordinal) && s is not "--help":
                    return await ServeCommand.RunAsync(args, demo: false);
                case "serve":
                case "demo":
                    if (args.Contains("--help")) { Console.Out.WriteLine(ServeCommand.Usage(first)); return 0; }
                    return await ServeCommand.RunAsync(args[1..], demo: first == "demo");
                case "help" or "--help" or "-h":
                    PrintHelp(Console.Out);
                    return 0;
            }

            var verb = Verbs.FirstOrDefault(v => v.Name == first);
            if (verb is null)
            {
                await Console.Error.WriteLineAsync($"error: unknown command '{first}'. Run with --help to list the commands.");
                return 2;
            }
            if (args.Contains("--help"))
            {
                Console.Out.WriteLine($"{verb.Summary}\n\nusage: {verb.Usage}");
                return 0;
            }
            return await RunVerbAsync(verb, args[1..]);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            var verb = Verbs.FirstOrDefault(v => v.Name == first);
            if (verb is not null) await Console.Error.WriteLineAsync($"usage: {verb.Usage}");
            return 2;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunVerbAsync(CliVerb verb, string[] rest)
    {
        var parsed = new CliArgs(rest, verb.ValueOptions, verb.Flags);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPrivacyDesk();
        await using var app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        return await verb.RunAsync(parsed, scope.ServiceProvider, Console.Out);
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("PrivacyDesk: the privacy back office.\n\nusage: PrivacyDesk <command> [options]   (run a command with --help for its options)\n");
        output.WriteLine($"  {"serve",-18}Serve the web app (the default). Honours --urls; default {DefaultUrl}.");
        output.WriteLine($"  {"demo",-18}Serve with demo data; creates a demo admin on first start and prints its password.");
        foreach (var verb in Verbs) output.WriteLine($"  {verb.Name,-18}{verb.Summary}");
    }
}
