using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class SeedDemoVerb : CliVerb
{
    public override string Name => "seed-demo";
    public override string Summary => "Fill the database with realistic bilingual demo data (merchants, staff, requests).";
    public override string Usage => "PrivacyDesk seed-demo [--customers N] [--requests N]";
    public override IReadOnlyCollection<string> ValueOptions => ["--customers", "--requests"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var size = new DemoSize(
            Customers: args.GetInt("--customers", DemoSize.Default.Customers, 0, 5_000_000),
            Requests: args.GetInt("--requests", DemoSize.Default.Requests, 0, 5_000_000));
        var credentials = await services.GetRequiredService<DemoSeeder>().EnsureDemoAsync(size);
        output.WriteLine($"Demo data ready. Admin: {credentials.Email} / {credentials.Password}");
        return 0;
    }
}
