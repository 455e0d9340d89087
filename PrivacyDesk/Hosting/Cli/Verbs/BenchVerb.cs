using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
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
    public override string Summary => "Run a benchmark on a throw-away database: bench queue | customers | mime | pdf.";
    public override string Usage => "PrivacyDesk bench queue [--requests 100000] [--iterations 200]\n       PrivacyDesk bench customers [--customers 1000000] [--iterations 200]\n       PrivacyDesk bench mime [--corpus testdata/corpus/mime] [--megabytes 200] [--iterations 5]\n       PrivacyDesk bench pdf [--transactions 10000] [--iterations 5]";
    public override IReadOnlyCollection<string> ValueOptions => ["--requests", "--customers", "--iterations", "--corpus", "--megabytes", "--transactions"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var which = args.Positional.FirstOrDefault() ?? throw new CliUsageException("Name a benchmark: queue.");
        if (which is not ("queue" or "customers" or "mime" or "pdf")) throw new CliUsageException($"Unknown benchmark '{which}'. Available: queue, customers, mime, pdf.");
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

        var dir = Directory.CreateTempSubdirectory("pd-bench-");
        try
        {
            var connectionString = $"Data Source={Path.Combine(dir.FullName, "bench.db")};Pooling=True";
            var options = new DbContextOptionsBuilder<PrivacyDeskDbContext>().UsePrivacyDeskSqlite(connectionString).Options;
            await using var setup = new PrivacyDeskDbContext(options).WithScope(MerchantScope.System, AuditActor.Cli);
            await setup.Database.MigrateAsync();
            await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var text = services.GetRequiredService<UiText>();
            var ids = new List<int>();
            foreach (var m in Demo.DemoMerchants.All.Take(3))
                ids.Add((await MerchantService.CreateInAsync(setup, m, text, TimeProvider.System, CancellationToken.None)).Merchant!.Id);

            output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; SQLite {setup.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS Value").AsEnumerable().First()}");
            if (which == "customers")
            {
                await CustomerBenchmark.RunAsync(dir.FullName, setup, () => new PrivacyDeskDbContext(options).WithScope(MerchantScope.Only([ids[0]]), AuditActor.Cli),
                    connectionString, ids[0], services.GetRequiredService<Features.Customers.Import.CustomerImporter>(),
                    args.GetInt("--customers", 1_000_000, 100, 10_000_000), iterations, output);
                return 0;
            }
            await QueueBenchmark.RunAsync(setup,
                () => new PrivacyDeskDbContext(options).WithScope(MerchantScope.Only(ids.Take(2)), AuditActor.Cli),
                connectionString, ids.ToArray(), requests, iterations, output);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("PD_BENCH_KEEP") == "1") output.WriteLine($"Kept {dir.FullName}");
            else dir.Delete(recursive: true);
        }
    }
}
