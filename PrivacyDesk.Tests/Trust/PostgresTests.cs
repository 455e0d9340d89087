using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Import;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// What only PostgreSQL (and several app nodes on it) must get right, on the throwaway server of the run
/// (PD_TEST_POSTGRES, set by scripts/test.sh): the same search hits as SQLite, the append-only audit log
/// and its chain under two writers, work leases that die with their node, one key ring for all nodes,
/// times and errors said the same way, and a pg_dump / pg_restore that verify-audit accepts.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class PostgresTests : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<IAsyncDisposable> _hosts = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        foreach (var cs in _databases) await TestDatabase.DropAsync(cs);
    }

    private async Task<string> NewDatabaseAsync()
    {
        var cs = await TestDatabase.CreatePostgresAsync();
        _databases.Add(cs);
        return cs;
    }

    /// <summary>An app node on the given PostgreSQL database (several may share one, as several servers would).</summary>
    private async Task<TestHost> NodeAsync(string connectionString, params string[] settings)
    {
        var host = await TestHost.CreateAsync(["Database:Provider=Postgres", "Database:ConnectionString=" + connectionString, .. settings]);
        _hosts.Add(host);
        return host;
    }

    private async Task<TestHost> SqliteHostAsync()
    {
        var dir = Directory.CreateTempSubdirectory("pd-parity-").FullName;
        var host = await TestHost.CreateAsync("Database:Path=" + Path.Combine(dir, "parity.db"));
        _hosts.Add(host);
        return host;
    }

    private static NpgsqlConnection Open(string cs)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        c.Open();
        return c;
    }

    private static object? Scalar(string cs, string sql)
    {
        using var c = Open(cs);
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    // --- Search ------------------------------------------------------------------------------------------

    private const string People = """
        account_number,first_name,last_name,email,phone,postal_code,language
        A001,Hélène,Tremblay,helene.tremblay@example.com,514-555-0101,H7N 1A1,fr
        A002,Helene,Trembley,helene.tremblay83@example.com,(450) 555-0199,H7A 2K3,fr
        A003,Jérôme,Côté,jerome.cote@exemple.ca,514 555 0102,J4K 5G7,fr
        A004,Seán,O'Brien,sean.obrien+news@example.ie,+1 514 555 0103,H2X 1Y4,en
        A005,Zoé,L'Écuyer-Gagné,zoe@ecole.example,514.555.0104,G1R 4P5,fr
        A006,Marc,Tremblay,marc_t@example.com,418-555-0105,G1V 0A6,fr
        A007,李,小龍,lee@example.cn,514-555-0106,H3B 1A7,en
        """;

    private static readonly string[] Queries =
    [
        "tremblay", "TREMBL", "hélène trembl", "helene", "côté", "cote", "jerome cote", "o'brien", "obrien", "brien",
        "l'écuyer", "ecuyer gagne", "gagné", "helene.tremblay@example.com", "helene.tremblay", "sean.obrien+news@example.ie",
        "514-555-0101", "(514) 555-0102", "5145550103", "h7n", "H7A 2K3", "A00", "a005", "marc_t", "小龍", "zz-nobody", "514",
    ];

    private static async Task<Dictionary<string, string[]>> SearchCasesAsync(TestHost host)
    {
        var merchant = await host.CreateMerchantAsync("parity", "Parité", "CA", "QC");
        var officer = await host.CreateUserAsync("dpo@parity.example", [Roles.PrivacyOfficer], merchant.Id);
        await using (var db = host.SystemDb())
        {
            var report = await host.Services.GetRequiredService<CustomerImporter>().ImportAsync(db, merchant.Id,
                () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(People)), ImportFormat.Csv,
                CustomerImportService.GuessMap(People.Split('\n')[0].Split(',')), new ImportOptions());
            Assert.True(report.Committed, string.Join("; ", report.Errors.Select(e => $"{e.Line} {e.Field} {e.Message}")));
        }
        string[] names = ["Hélène Tremblay", "Jérôme Côté", "Seán O'Brien", "Zoé L'Écuyer-Gagné"];
        var references = new List<string>();
        foreach (var name in names)
        {
            await using var scope = host.ActAs(officer);
            var request = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().LogAsync(new NewRequest(merchant.Id, [RequestType.Access],
                RequestChannel.Phone, "fr", name, name.Split(' ')[0].ToLowerInvariant() + "@example.com", Message: "Demande d'accès"));
            references.Add(request.Reference);
        }

        var hits = new Dictionary<string, string[]>();
        foreach (var query in Queries.Concat(references))
        {
            await using var scope = host.ActAs(officer);
            var customers = await scope.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync(query, 200);
            await using var db = host.SystemDb();
            var requests = await RequestQueue.Apply(db, new QueueFilter { OpenOnly = false, Search = query }, DateOnly.FromDateTime(DateTime.UtcNow))
                .Select(r => r.RequesterName).ToListAsync();
            // References differ only by the year's counter, which both hosts start at 1: the same query on both.
            hits[query.Replace(references.FirstOrDefault() ?? "", "REF")] =
                [.. customers.Select(c => "C:" + c.AccountNumber).Order(), .. requests.Select(r => "R:" + r).Order()];
        }
        return hits;
    }

    [Fact]
    public async Task Search_finds_the_same_people_and_requests_as_on_SQLite_for_every_query()
    {
        var sqlite = await SearchCasesAsync(await SqliteHostAsync());
        var postgres = await SearchCasesAsync(await NodeAsync(await NewDatabaseAsync()));

        Assert.Equal(sqlite.Keys.Order(), postgres.Keys.Order());
        var differences = sqlite.Where(c => !c.Value.SequenceEqual(postgres[c.Key]))
            .Select(c => $"'{c.Key}': SQLite [{string.Join(", ", c.Value)}] PostgreSQL [{string.Join(", ", postgres[c.Key])}]").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        // And the cases mean something: accents, apostrophes, emails, phones and references all find someone.
        Assert.Equal(["C:A001", "C:A002", "C:A006", "R:Hélène Tremblay"], postgres["tremblay"]);
        Assert.Equal(["C:A003", "R:Jérôme Côté"], postgres["cote"]);
        Assert.Equal(["C:A001"], postgres["helene.tremblay@example.com"].Where(h => h.StartsWith("C:")));
        Assert.Equal(["C:A003"], postgres["(514) 555-0102"].Where(h => h.StartsWith("C:")));
        Assert.Equal(["R:Hélène Tremblay"], postgres["REF"]);
        Assert.Empty(postgres["zz-nobody"]);
    }

    [Fact]
    public async Task The_search_uses_the_GIN_index_through_the_inlined_search_function()
    {
        var cs = await NewDatabaseAsync();
        await NodeAsync(cs);
        using var c = Open(cs);
        using (var off = new NpgsqlCommand("SET enable_seqscan = off", c)) off.ExecuteNonQuery();
        using var cmd = new NpgsqlCommand("""EXPLAIN SELECT c."Id" FROM "Customers" c WHERE c."Id" IN (SELECT rowid FROM "CustomerSearch"('"helene"* "trembl"*'))""", c);
        var plan = new List<string>();
        using (var r = cmd.ExecuteReader()) while (r.Read()) plan.Add(r.GetString(0));
        Assert.Contains(plan, line => line.Contains("IX_Customers_SearchVector", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Function Scan", StringComparison.Ordinal));
    }

    // --- Audit ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_audit_log_refuses_update_delete_and_truncate_and_verify_audit_catches_an_edit_made_with_the_triggers_dropped()
    {
        var cs = await NewDatabaseAsync();
        var node = await NodeAsync(cs);
        await node.CreateMerchantAsync("audit", "Audit", "FR", null);
        Assert.True((long)Scalar(cs, """SELECT COUNT(*) FROM "AuditEntries" """)! >= 1);

        foreach (var sql in new[] { """UPDATE "AuditEntries" SET "Details" = '{}' """, """DELETE FROM "AuditEntries" """, """TRUNCATE "AuditEntries" """ })
        {
            var refused = Assert.Throws<PostgresException>(() => Scalar(cs, sql));
            Assert.Contains("append-only", refused.MessageText);
        }
        await using (var db = node.SystemDb()) Assert.True((await AuditVerifier.VerifyAsync(db)).Ok);

        // Someone with the owner's rights drops the triggers and edits a record: the chain says which.
        Scalar(cs, """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""");
        Scalar(cs, """UPDATE "AuditEntries" SET "ActorName" = 'Somebody else' WHERE "Id" = 1""");
        await using (var db = node.SystemDb())
        {
            var verdict = await AuditVerifier.VerifyAsync(db);
            Assert.False(verdict.Ok);
            Assert.Equal(1, verdict.FirstBrokenId);
            Assert.Equal("its content does not match its hash", verdict.Problem);
        }
    }

    [Fact]
    public async Task Two_nodes_writing_at_once_keep_one_unbroken_audit_chain()
    {
        var cs = await NewDatabaseAsync();
        var a = await NodeAsync(cs);
        var b = await NodeAsync(cs);
        var merchant = await a.CreateMerchantAsync("chain", "Chaîne", "CA", "QC");
        long before;
        await using (var db = a.SystemDb()) before = await db.AuditEntries.CountAsync();

        // 2 nodes x 4 writers x 15 saves, each with its own audit record, all at once.
        var writers = new[] { a, b }.SelectMany(node => Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await using var db = node.SystemDb();
                db.Audit("test.concurrent", "Merchant", merchant.Id, merchant.Id, new { w, i });
                await db.SaveChangesAsync();
            }
        }))).ToArray();
        await Task.WhenAll(writers);

        await using (var db = b.SystemDb())
        {
            var verdict = await AuditVerifier.VerifyAsync(db);
            Assert.True(verdict.Ok, verdict.Problem);
            Assert.Equal(before + 120, verdict.Records);
        }
    }

    // --- Several nodes -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_lease_held_by_a_node_is_refused_to_others_and_freed_the_moment_that_node_is_killed()
    {
        var cs = await NewDatabaseAsync();
        var node = await NodeAsync(cs);
        var leases = node.Services.GetRequiredService<WorkLeases>();

        // Another node, as a separate process holding the outbox lease on its idle lease connection (as WorkLeases
        // does while the work runs), then killed with SIGKILL mid-work.
        var other = Process.Start(new ProcessStartInfo("psql")
        {
            ArgumentList = { new NpgsqlConnectionStringBuilder(cs).ToLibpq() },
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            await other.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({WorkLeases.KeyOf("outbox")});");
            await other.StandardInput.FlushAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await HeldAsync(cs) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.Equal(1, await HeldAsync(cs));
            Assert.Null(await leases.TryAcquireAsync("outbox", CancellationToken.None));
            // A different kind of work is not held up by it.
            await using (var retention = await leases.TryAcquireAsync("retention", CancellationToken.None)) Assert.NotNull(retention);

            other.Kill(entireProcessTree: true);
            var watch = Stopwatch.StartNew();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var mine = await leases.AcquireAsync("outbox", wait.Token);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
            // Held now by this node, so another try (a third node) is refused.
            Assert.Null(await WorkLeases.For(new DatabaseTarget(DatabaseProvider.Postgres, cs)).TryAcquireAsync("outbox", CancellationToken.None));
        }
        finally
        {
            if (!other.HasExited) other.Kill(entireProcessTree: true);
        }
    }

    private static Task<long> HeldAsync(string cs) => Task.FromResult((long)Scalar(cs,
        $"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = {WorkLeases.KeyOf("outbox")}")!);

    [Fact]
    public async Task Two_nodes_sending_the_outbox_at_once_deliver_every_message_exactly_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var cs = await NewDatabaseAsync();
        string[] mail = ["Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={smtp.Port}", "Mail:SmtpStartTls=false"];
        var a = await NodeAsync(cs, mail);
        var b = await NodeAsync(cs, mail);
        var merchant = await a.CreateMerchantAsync("outbox", "Envois", "CA", "QC");
        await using (var db = a.SystemDb())
        {
            var m = await db.Merchants.SingleAsync(x => x.Id == merchant.Id);
            for (var i = 0; i < 60; i++)
                OutboxQueue.EnqueueStandalone(db, m.Id, m, OutboxKind.Notice, $"person{i}@example.com", null, $"Avis {i}", "Bonjour", "fr", $"T{i}",
                    "privacy@example.com", TimeProvider.System);
            await db.SaveChangesAsync();
        }

        var senders = new[] { a, b, a, b }.Select(node => node.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).ToArray();
        var sent = await Task.WhenAll(senders);

        Assert.Equal(60, sent.Sum());
        var ids = smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(raw)).MessageId).ToList();
        Assert.Equal(60, ids.Count);
        Assert.Equal(60, ids.Distinct().Count());
        await using (var db = b.SystemDb()) Assert.Equal(60, await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent && o.Attempts == 1));
    }

    [Fact]
    public async Task Every_node_reads_what_another_protected_with_the_key_ring_kept_in_the_database()
    {
        var cs = await NewDatabaseAsync();
        var a = await NodeAsync(cs);
        var b = await NodeAsync(cs);
        var secret = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("mot de passe IMAP");
        Assert.Equal("mot de passe IMAP", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        Assert.True((long)Scalar(cs, """SELECT COUNT(*) FROM "DataProtectionKeys" """)! >= 1);
    }

    // --- Provider-neutral meaning ------------------------------------------------------------------------

    [Fact]
    public async Task Times_with_an_offset_are_stored_as_the_same_instant_in_UTC()
    {
        var cs = await NewDatabaseAsync();
        var node = await NodeAsync(cs);
        var merchant = await node.CreateMerchantAsync("times", "Heures", "CA", "QC");
        var montreal = new DateTimeOffset(2026, 6, 1, 9, 30, 15, TimeSpan.FromHours(-4)).AddTicks(1234567);
        int id;
        await using (var db = node.SystemDb())
        {
            var c = new Customer { MerchantId = merchant.Id, AccountNumber = "T1", FirstName = "Heure", LastName = "Locale", Language = "fr",
                CreatedAt = montreal, SearchText = "heure locale" };
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            id = c.Id;
        }
        await using (var db = node.SystemDb())
        {
            var back = (await db.Customers.SingleAsync(c => c.Id == id)).CreatedAt;
            Assert.Equal(TimeSpan.Zero, back.Offset);
            Assert.Equal(PrivacyDeskDbContext.AtMicroseconds(montreal), back);
            Assert.Equal(1, await db.Customers.CountAsync(c => c.CreatedAt > montreal.AddSeconds(-1) && c.CreatedAt < montreal.AddSeconds(1)));
        }
        Assert.Equal("2026-06-01 13:30:15", Scalar(cs, """SELECT to_char("CreatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM "Customers" WHERE "AccountNumber" = 'T1'"""));
    }

    [Fact]
    public async Task A_duplicate_and_a_read_only_database_are_said_as_on_SQLite()
    {
        var cs = await NewDatabaseAsync();
        var node = await NodeAsync(cs);
        await using (var db = node.SystemDb())
        {
            db.AppSecrets.Add(new AppSecret { Name = "dup", Value = [1] });
            await db.SaveChangesAsync();
        }
        await using (var db = node.SystemDb())
        {
            db.AppSecrets.Add(new AppSecret { Name = "dup", Value = [2] });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DbErrors.IsUniqueViolation(duplicate));
        }

        var name = new NpgsqlConnectionStringBuilder(cs).Database;
        Scalar(cs, $"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on");
        NpgsqlConnection.ClearAllPools();
        await using (var db = node.SystemDb())
        {
            db.AppSecrets.Add(new AppSecret { Name = "ro", Value = [3] });
            var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.SaveChangesAsync());
            Assert.Equal(StorageProblem.ReadOnly, refused.Problem);
        }
    }

    // --- Backup and restore --------------------------------------------------------------------------------

    [Fact]
    public async Task A_pg_dump_restored_into_an_empty_database_passes_verify_audit_and_the_backup_verb_says_to_use_it()
    {
        var cs = await NewDatabaseAsync();
        var node = await NodeAsync(cs);
        var merchant = await node.CreateMerchantAsync("backup", "Sauvegarde", "FR", null);
        var officer = await node.CreateUserAsync("dpo@backup.example", [Roles.PrivacyOfficer], merchant.Id);
        await using (var scope = node.ActAs(officer))
            await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().LogAsync(new NewRequest(merchant.Id, [RequestType.Erasure],
                RequestChannel.Letter, "fr", "Hélène Tremblay", "helene@example.com", Message: "Effacez mes données."));

        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin";
        var dump = Path.Combine(node.Directory, "privacydesk.dump");
        var source = new NpgsqlConnectionStringBuilder(cs);
        await RunAsync($"{bin}/pg_dump", "--format=custom", $"--file={dump}", source.ToLibpq());
        var restored = await NewDatabaseAsync();
        // An empty database: the template's schema is dropped first, as a fresh `createdb` would give.
        using (var c = Open(restored))
        using (var wipe = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", c)) wipe.ExecuteNonQuery();
        await RunAsync($"{bin}/pg_restore", "--no-owner", $"--dbname={new NpgsqlConnectionStringBuilder(restored).ToLibpq()}", dump);

        var copy = await NodeAsync(restored);
        await using (var db = copy.SystemDb())
        {
            var verdict = await AuditVerifier.VerifyAsync(db);
            Assert.True(verdict.Ok, verdict.Problem);
            await using var original = node.SystemDb();
            Assert.Equal(await original.AuditEntries.CountAsync(), verdict.Records);
            Assert.Equal("Hélène Tremblay", (await db.Requests.SingleAsync()).RequesterName);
            // The restored search index works: it is generated by the server, not copied.
            Assert.Single(await db.SearchRequests("\"tremblay\"*").ToListAsync());
        }

        var output = new StringWriter();
        var exit = await new PrivacyDesk.Hosting.Cli.Verbs.BackupVerb().RunAsync(
            new PrivacyDesk.Hosting.Cli.CliArgs(["backup", "x.db"], [], []), node.Services, output);
        Assert.Equal(2, exit);
        Assert.Contains("pg_dump --format=custom", output.ToString());
        Assert.Contains("pg_restore", output.ToString());
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(file)} exited {p.ExitCode}: {await err}");
    }
}

internal static class LibpqConnection
{
    /// <summary>The same server as a libpq connection string, for psql, pg_dump and pg_restore.</summary>
    public static string ToLibpq(this NpgsqlConnectionStringBuilder b) =>
        $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}" + (string.IsNullOrEmpty(b.Password) ? "" : $" password={b.Password}");
}
