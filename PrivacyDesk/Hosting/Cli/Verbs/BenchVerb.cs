using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Hosting.Bench;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// Measurements that must not run inside the test suite (they time things): each builds its own
/// throw-away database in a temp folder, never touching the configured one. Results go to BENCHMARKS.md.
/// </summary>
public sealed class BenchVerb : CliVerb
{
    public override string Name => "bench";
    public override string Summary => "Run a benchmark on a throw-away database: bench queue | customers | campaign | mime | pdf.";
    public override string Usage => "PrivacyDesk bench queue [--requests 100000] [--iterations 200] [--provider sqlite|postgres|both] [--postgres CONNECTION]\n       PrivacyDesk bench customers [--customers 1000000] [--iterations 200] [--provider ...] [--postgres ...]\n       PrivacyDesk bench campaign [--customers 1000000] [--send 20000] [--provider sqlite|postgres] [--postgres ...]\n       PrivacyDesk bench mime [--corpus testdata/corpus/mime] [--megabytes 200] [--iterations 5]\n       PrivacyDesk bench pdf [--transactions 10000] [--iterations 5]";
    public override IReadOnlyCollection<string> ValueOptions => ["--requests", "--customers", "--iterations", "--corpus", "--megabytes", "--transactions", "--provider", "--postgres", "--send"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var which = args.Positional.FirstOrDefault() ?? throw new CliUsageException("Name a benchmark: queue.");
        if (which is not ("queue" or "customers" or "campaign" or "mime" or "pdf")) throw new CliUsageException($"Unknown benchmark '{which}'. Available: queue, customers, campaign, mime, pdf.");
        if (which == "pdf")
        {
            PdfBenchmark.Run(services.GetRequiredService<UiText>(), args.GetInt("--transactions", 10_000, 1, 1_000_000), args.GetInt("--iterations", 5, 1, 100), output);
            return 0;
        }
        if (which == "mime")
        {
            var work = Directory.CreateTempSubdirectory("pd-bench-");
            try
            {
                output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
                MimeBenchmark.Run(args.Get("--corpus") ?? Path.Combine("testdata", "corpus", "mime"), work.FullName,
                    args.GetInt("--megabytes", 200, 1, 10_000), args.GetInt("--iterations", 5, 1, 100), output);
            }
            finally { work.Delete(recursive: true); }
            return 0;
        }
        var requests = args.GetInt("--requests", 100_000, 100, 10_000_000);
        var iterations = args.GetInt("--iterations", 200, 10, 100_000);
        var providers = (args.Get("--provider") ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => new[] { DatabaseProvider.Sqlite },
            "postgres" => [DatabaseProvider.Postgres],
            "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            var other => throw new CliUsageException($"--provider '{other}': sqlite, postgres or both."),
        };
        var server = args.Get("--postgres") ?? Environment.GetEnvironmentVariable("PD_BENCH_POSTGRES");
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var results = new Dictionary<DatabaseProvider, IReadOnlyList<BenchTiming>>();
        foreach (var provider in providers)
        {
            await using var bench = await BenchDatabase.CreateAsync(provider, server);
            await using var setup = await bench.MigratedSystemContextAsync();
            var text = services.GetRequiredService<UiText>();
            var ids = new List<int>();
            foreach (var m in Demo.DemoMerchants.All.Take(3))
                ids.Add((await MerchantService.CreateInAsync(setup, m, text, TimeProvider.System, CancellationToken.None)).Merchant!.Id);
            output.WriteLine();
            output.WriteLine($"== {bench.ServerVersion(setup)} ({bench.Target.Describe()})");
            var target = bench.Target;
            if (which == "campaign")
            {
                await CampaignBenchmark.RunAsync(bench.Folder, setup, target, ids[0], services.GetRequiredService<Features.Customers.Import.CustomerImporter>(),
                    args.GetInt("--customers", 1_000_000, 100, 10_000_000), args.GetInt("--send", 20_000, 1, 10_000_000), output);
                continue;
            }
            results[provider] = which == "customers"
                ? await CustomerBenchmark.RunAsync(bench.Folder, setup, () => target.CreateContext().WithScope(MerchantScope.Only([ids[0]]), AuditActor.Cli),
                    target, ids[0], services.GetRequiredService<Features.Customers.Import.CustomerImporter>(),
                    args.GetInt("--customers", 1_000_000, 100, 10_000_000), iterations, output)
                : await QueueBenchmark.RunAsync(setup, () => target.CreateContext().WithScope(MerchantScope.Only(ids.Take(2)), AuditActor.Cli),
                    target, ids.ToArray(), requests, iterations, output);
        }
        if (results.Count == 2)
            BenchComparison.Print(output, which == "customers" ? "Customer search" : "Queue", results[DatabaseProvider.Sqlite], results[DatabaseProvider.Postgres]);
        return 0;
    }
}
