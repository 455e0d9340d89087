using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers.Import;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class ImportCustomersVerb : CliVerb
{
    public override string Name => "import-customers";
    public override string Summary => "Import customers from CSV or JSON (upsert by account number; nothing written if a line is bad).";
    public override string Usage => "PrivacyDesk import-customers --merchant SLUG FILE [--entity customers|orders|consents|disclosures|activitylogs|communications|otherrecords|thirdparties] [--dry-run] [--accept-partial] [--map \"Header=field,...\"]";
    public override IReadOnlyCollection<string> ValueOptions => ["--merchant", "--map", "--entity"];
    public override IReadOnlyCollection<string> Flags => ["--dry-run", "--accept-partial"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var slug = args.Require("--merchant");
        var file = args.Positional.SingleOrDefault() ?? throw new CliUsageException("Name the file to import.");
        if (!File.Exists(file)) throw new CliUsageException($"No such file: {file}");
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Slug == slug)
            ?? throw new CliUsageException($"No merchant with slug '{slug}'. See list-merchants.");

        var format = CustomerFileReader.FormatOf(file);
        await using var probe = File.OpenRead(file);
        var map = CustomerImportService.GuessMap(await CustomerFileReader.HeadersAsync(probe, format)).ToDictionary();
        foreach (var pair in (args.Get("--map") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !Enum.TryParse<ImportField>(parts[1].Replace("_", ""), true, out var field))
                throw new CliUsageException($"Bad --map entry '{pair}'. Use Header=field with a field among: {string.Join(", ", Enum.GetNames<ImportField>())}.");
            map[parts[0]] = field;
        }
        output.WriteLine("Columns: " + string.Join(", ", map.Select(m => $"{m.Key} -> {m.Value}")));

        if (!Enum.TryParse<ImportEntity>(args.Get("--entity") ?? "customers", true, out var entity) || int.TryParse(args.Get("--entity"), out _))
            throw new CliUsageException($"Unknown --entity '{args.Get("--entity")}'. Use customers, orders, consents, disclosures, activitylogs, communications, otherrecords or thirdparties.");
        var progress = new Progress<ImportProgress>(p => Console.Error.Write($"\r{p.Phase}: {p.Rows:N0} rows   "));
        var options = new ImportOptions(args.Has("--dry-run"), args.Has("--accept-partial"));
        var report = entity == ImportEntity.Customers
            ? await services.GetRequiredService<CustomerImporter>().ImportAsync(db, merchant.Id, () => File.OpenRead(file), format, map, options, progress)
            : await services.GetRequiredService<RecordImporter>().ImportAsync(db, merchant.Id, entity, () => File.OpenRead(file), format, map, options);
        Console.Error.WriteLine();
        foreach (var e in report.Errors) output.WriteLine($"line {e.Line}: {e.Field}: {e.Message}");
        if (report.ErrorCount > report.Errors.Count) output.WriteLine($"... and {report.ErrorCount - report.Errors.Count} more errors");
        output.WriteLine($"{report.Rows:N0} rows, {report.Valid:N0} valid, {report.ErrorCount:N0} errors; " +
            (report.Committed ? $"inserted {report.Inserted:N0}, updated {report.Updated:N0}, unchanged {report.Unchanged:N0}" : "nothing written") +
            $"; {report.Elapsed.TotalSeconds:F1} s");
        return report.Committed || (args.Has("--dry-run") && report.ErrorCount == 0) ? 0 : 1;
    }
}
