using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Import;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// A customer file of N rows written to disk, imported through the real importer (the CLI's path),
/// then the customer search at that size: the app's query against the same FTS query in raw SQL.
/// </summary>
public static class CustomerBenchmark
{
    private static readonly string[] First = ["Hélène", "Marc", "Sophie", "Jean", "Zoé", "Amélie", "Louis", "Chloé", "Gabriel", "Léa", "Olivia", "Noah", "Émile", "Alice", "Thomas"];
    private static readonly string[] Last = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Smith", "Chen", "Nguyen", "Martin", "Bélanger"];

    public static async Task<IReadOnlyList<BenchTiming>> RunAsync(string folder, PrivacyDeskDbContext system, Func<PrivacyDeskDbContext> scoped, DatabaseTarget target,
        int merchantId, CustomerImporter importer, int customers, int iterations, TextWriter output)
    {
        var file = Path.Combine(folder, "customers.csv");
        await WriteFileAsync(file, customers);
        output.WriteLine($"Wrote {customers:N0} customers to CSV ({new FileInfo(file).Length / 1024 / 1024} MiB).");

        var map = CustomerImportService.GuessMap(["account_number", "first_name", "last_name", "email", "phone", "postal_address", "postal_code", "language", "date_of_birth"]);
        var report = await importer.ImportAsync(system, merchantId, () => File.OpenRead(file), ImportFormat.Csv, map, new ImportOptions());
        output.WriteLine($"Import (validate + write, one transaction): {report.Inserted:N0} inserted in {report.Elapsed.TotalSeconds:F1} s " +
                         $"({report.Inserted / report.Elapsed.TotalSeconds:N0} rows/s).");
        var again = await importer.ImportAsync(system, merchantId, () => File.OpenRead(file), ImportFormat.Csv, map, new ImportOptions());
        output.WriteLine($"Re-import of the same file: {again.Unchanged:N0} unchanged, {again.Inserted} inserted in {again.Elapsed.TotalSeconds:F1} s.");

        output.WriteLine($"Customer search (top 20), {iterations} runs each:");
        output.WriteLine($"{"query",-28} {"hits",8} {"EF p50",8} {"EF p95",8} {"raw p50",8} {"raw p95",8}");
        if (target.IsPostgres)
        {
            // Fresh statistics after the bulk load, as autovacuum would gather a minute later.
            await using var analyze = scoped();
            await analyze.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        var timings = new List<BenchTiming>();
        await using var raw = target.IsPostgres ? null : new SqliteConnection(target.ConnectionString);
        if (raw is not null) await raw.OpenAsync();
        foreach (var query in new[] { "helene trembl", "tremblay", "user123456@example.com", "514-555-0101", "C00424242", "h7a 2k" })
        {
            var fts = FullTextQuery.Prefixes(query)!;
            int hits;
            await using (var counting = scoped())
                hits = await counting.SearchCustomers(fts).CountAsync();
            var ef = await Latency.MeasureAsync(iterations, async () =>
            {
                await using var db = scoped();
                _ = await CustomerService.Search(db, fts).Take(20).ToListAsync();
            });
            if (raw is null)
            {
                output.WriteLine($"{query,-28} {hits,8:N0} {ef.P50,8:F2} {ef.P95,8:F2} {"-",8} {"-",8}");
                timings.Add(new BenchTiming(query, ef.P50, ef.P95));
                continue;
            }
            var sql = $"SELECT c.Id, c.AccountNumber, c.FirstName, c.LastName FROM CustomerSearch('{fts.Replace("'", "''")}') s JOIN Customers c ON c.Id = s.rowid WHERE c.MerchantId = {merchantId} ORDER BY s.rowid LIMIT 20";
            var rawTimes = await Latency.MeasureAsync(iterations, async () =>
            {
                await using var cmd = new SqliteCommand(sql, raw);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { _ = reader.GetInt64(0); _ = reader.GetString(1); }
            });
            output.WriteLine($"{query,-28} {hits,8:N0} {ef.P50,8:F2} {ef.P95,8:F2} {rawTimes.P50,8:F2} {rawTimes.P95,8:F2}");
            timings.Add(new BenchTiming(query, ef.P50, ef.P95, rawTimes.P50, rawTimes.P95));
        }
        output.WriteLine("(milliseconds; EF includes the current email, phone and postal code of each hit, raw does not)");
        return timings;
    }

    internal static async Task WriteFileAsync(string path, int count)
    {
        var random = new Random(7);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("account_number,first_name,last_name,email,phone,postal_address,postal_code,language,date_of_birth");
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Clear();
            sb.Append('C').Append(i.ToString("D8")).Append(',').Append(First[random.Next(First.Length)]).Append(',').Append(Last[random.Next(Last.Length)])
              .Append(",user").Append(i).Append("@example.com,514-").Append(random.Next(200, 999)).Append('-').Append(random.Next(1000, 9999))
              .Append(",\"").Append(random.Next(1, 9999)).Append(" rue Principale, Laval\",H").Append(random.Next(1, 9)).Append("ABCEGHJ"[random.Next(7)])
              .Append(' ').Append(random.Next(1, 9)).Append("KLMNPR"[random.Next(6)]).Append(random.Next(1, 9))
              .Append(',').Append(random.Next(2) == 0 ? "fr" : "en").Append(",19").Append(random.Next(40, 99)).Append('-')
              .Append(random.Next(1, 12).ToString("D2")).Append('-').Append(random.Next(1, 28).ToString("D2"));
            await writer.WriteLineAsync(sb);
        }
    }

}
