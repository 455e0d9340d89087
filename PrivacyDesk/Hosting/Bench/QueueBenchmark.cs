using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Queue;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// The queue query at scale: the app's own EF query (RequestQueue.Apply, merchant filter included)
/// on a database of N requests; on SQLite also against the same query written by hand on raw Microsoft.Data.Sqlite.
/// </summary>
public static class QueueBenchmark
{
    public sealed record Scenario(string Name, QueueFilter Filter, QueueSortColumn Sort, int Skip, string RawWhere, string RawOrder);

    public static async Task<IReadOnlyList<BenchTiming>> RunAsync(PrivacyDeskDbContext seedDb, Func<PrivacyDeskDbContext> scopedDb, DatabaseTarget target,
        int[] merchantIds, int requests, int iterations, TextWriter output)
    {
        var sw = Stopwatch.StartNew();
        if (target.IsPostgres) await PostgresSeed.RequestsAsync(seedDb, merchantIds, requests);
        else await SeedAsync(seedDb, merchantIds, requests);
        output.WriteLine($"Seeded {requests:N0} requests in {sw.Elapsed.TotalSeconds:F1} s.");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ids = string.Join(",", merchantIds.Take(2));
        const string open = "Status IN ('New','Acknowledged','AwaitingVerification','InProgress')";
        var scenarios = new[]
        {
            new Scenario("open, by due date, page 1", new QueueFilter(), QueueSortColumn.Due, 0, open, "EffectiveDue, Id"),
            new Scenario("open, by due date, page 40", new QueueFilter(), QueueSortColumn.Due, 975, open, "EffectiveDue, Id"),
            new Scenario("overdue only", new QueueFilter { OverdueOnly = true }, QueueSortColumn.Due, 0,
                $"EffectiveDue < '{today:yyyy-MM-dd}' AND {open}", "EffectiveDue, Id"),
            new Scenario("search 'tremblay' (1 in 12)", new QueueFilter { OpenOnly = false, Search = "tremblay" }, QueueSortColumn.Due, 0,
                "Id IN (SELECT rowid FROM RequestSearch('\"tremblay\"*'))", "EffectiveDue, Id"),
            new Scenario("search 'helene trembl'", new QueueFilter { OpenOnly = false, Search = "helene trembl" }, QueueSortColumn.Due, 0,
                "Id IN (SELECT rowid FROM RequestSearch('\"helene\"* \"trembl\"*'))", "EffectiveDue, Id"),
            new Scenario("search a reference", new QueueFilter { OpenOnly = false, Search = "PD-B00054321" }, QueueSortColumn.Due, 0,
                "Id IN (SELECT rowid FROM RequestSearch('\"pd\"* \"b00054321\"*'))", "EffectiveDue, Id"),
            new Scenario("all statuses, by receipt", new QueueFilter { OpenOnly = false }, QueueSortColumn.Received, 0, "1=1", "ReceivedAt"),
        };

        output.WriteLine($"Queue query (count + page of 25), {iterations} runs each, scope = merchants {ids}:");
        output.WriteLine($"{"scenario",-30} {"EF p50",8} {"EF p95",8} {"raw p50",8} {"raw p95",8} {"p95 ratio",9}");
        var timings = new List<BenchTiming>();
        await using var raw = target.IsPostgres ? null : new SqliteConnection(target.ConnectionString);
        if (raw is not null) await raw.OpenAsync();
        foreach (var s in scenarios)
        {
            if (Environment.GetEnvironmentVariable("PD_BENCH_SQL") == "1")
            {
                await using var db0 = scopedDb();
                var page = RequestQueue.SortForBenchmark(RequestQueue.Apply(db0, s.Filter, today), s.Sort).Skip(s.Skip).Take(25)
                    .Select(r => new { r.Id, r.Reference, r.RequesterName, r.EffectiveDue, r.Status });
                await db0.Database.OpenConnectionAsync();
                var rawExplain = db0.Database.GetDbConnection().CreateCommand();
                rawExplain.CommandText = $"SELECT Id, Reference, RequesterName, EffectiveDue, Status FROM Requests WHERE MerchantId IN ({ids}) AND {s.RawWhere} ORDER BY {s.RawOrder} LIMIT 25 OFFSET {s.Skip}";
                foreach (var command in target.IsPostgres ? [page.CreateDbCommand()] : new[] { page.CreateDbCommand(), rawExplain })
                {
                    output.WriteLine(command.CommandText);
                    command.CommandText = (target.IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) output.WriteLine("  plan: " + reader.GetString(target.IsPostgres ? 0 : 3));
                }
            }
            var ef = await Latency.MeasureAsync(iterations, async () =>
            {
                await using var db = scopedDb();
                db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                var q = RequestQueue.Apply(db, s.Filter, today);
                _ = await q.CountAsync();
                _ = await RequestQueue.SortForBenchmark(q, s.Sort).Skip(s.Skip).Take(25)
                    .Select(r => new { r.Id, r.Reference, r.RequesterName, r.EffectiveDue, r.Status }).ToListAsync();
            });
            if (raw is null)
            {
                output.WriteLine($"{s.Name,-30} {ef.P50,8:F2} {ef.P95,8:F2} {"-",8} {"-",8} {"-",9}");
                timings.Add(new BenchTiming(s.Name, ef.P50, ef.P95));
                continue;
            }
            var countSql = $"SELECT COUNT(*) FROM Requests WHERE MerchantId IN ({ids}) AND {s.RawWhere}";
            var pageSql = $"SELECT Id, Reference, RequesterName, EffectiveDue, Status FROM Requests WHERE MerchantId IN ({ids}) AND {s.RawWhere} ORDER BY {s.RawOrder} LIMIT 25 OFFSET {s.Skip}";
            var rawTimes = await Latency.MeasureAsync(iterations, async () =>
            {
                await using (var count = new SqliteCommand(countSql, raw)) _ = await count.ExecuteScalarAsync();
                await using var page = new SqliteCommand(pageSql, raw);
                await using var reader = await page.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { _ = reader.GetInt32(0); _ = reader.GetString(1); _ = reader.GetString(2); _ = reader.GetString(3); _ = reader.GetString(4); }
            });
            output.WriteLine($"{s.Name,-30} {ef.P50,8:F2} {ef.P95,8:F2} {rawTimes.P50,8:F2} {rawTimes.P95,8:F2} {ef.P95 / rawTimes.P95,8:F2}x");
            timings.Add(new BenchTiming(s.Name, ef.P50, ef.P95, rawTimes.P50, rawTimes.P95));
        }
        output.WriteLine("(milliseconds)");
        return timings;
    }


    /// <summary>Bulk insert through one prepared command in one transaction: realistic rows, fast.</summary>
    private static async Task SeedAsync(PrivacyDeskDbContext db, int[] merchantIds, int count)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO Requests (MerchantId, Reference, Type, TypeCodes, OptOutChannels, Channel, Jurisdiction, Language, RequesterName,
              RequesterEmail, Subject, Message, Status, ReceivedAt, ReceivedOn, AcknowledgementDue, LegalDue, EffectiveDue, PausedDays,
              SearchText, CreatedAt, UpdatedAt, Version)
            VALUES ($m, $ref, $type, $types, 'None', 'Email', 'Quebec', 'fr', $name, $email, 'Demande', '', $status, $at, $on, $ack, $due, $due, 0,
              $search, $at, $at, $version)
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$m", "$ref", "$type", "$types", "$name", "$email", "$status", "$at", "$on", "$ack", "$due", "$search", "$version" })
            p[name] = cmd.Parameters.Add(new SqliteParameter(name, null));
        foreach (var row in Rows(merchantIds, count))
        {
            p["$m"].Value = row.MerchantId;
            p["$ref"].Value = row.Reference;
            p["$type"].Value = row.Type.ToString();
            p["$types"].Value = row.Type.Code();
            p["$name"].Value = row.Name;
            p["$email"].Value = row.Email;
            p["$status"].Value = row.Status;
            p["$at"].Value = row.At.UtcTicks;
            p["$on"].Value = row.On.ToString("yyyy-MM-dd");
            p["$ack"].Value = row.On.AddDays(2).ToString("yyyy-MM-dd");
            p["$due"].Value = row.On.AddDays(30).ToString("yyyy-MM-dd");
            p["$search"].Value = row.SearchText;
            p["$version"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    public sealed record SeedRow(int MerchantId, string Reference, RequestType Type, string Name, string Email, string Status, DateTimeOffset At, DateOnly On, string SearchText);

    /// <summary>The benchmark's requests, the same on every provider (one seed): realistic names, mostly closed history.</summary>
    public static IEnumerable<SeedRow> Rows(int[] merchantIds, int count)
    {
        var random = new Random(42);
        string[] first = ["Hélène", "Marc", "Sophie", "Jean", "Zoé", "Amélie", "Louis", "Chloé", "Gabriel", "Léa"];
        string[] last = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Smith", "Chen"];
        string[] statuses = ["New", "Acknowledged", "AwaitingVerification", "InProgress", "Closed", "Closed", "Closed", "Decided"];
        var types = Enum.GetValues<RequestType>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
            var email = $"user{i}@example.com";
            // Whole microseconds, as PostgreSQL keeps them.
            var at = PrivacyDeskDbContext.AtMicroseconds(now.AddMinutes(-random.Next(0, 60 * 24 * 400)));
            var type = types[random.Next(types.Length)];
            var reference = $"PD-B{i:D8}";
            // Mostly closed history, with a realistic open backlog.
            var status = at > now.AddDays(-45) ? statuses[random.Next(4)] : statuses[4 + random.Next(4)];
            yield return new SeedRow(merchantIds[i % merchantIds.Length], reference, type, name, email, status, at,
                DateOnly.FromDateTime(at.UtcDateTime), SearchText.Of(reference, name, email, "Demande"));
        }
    }
}
