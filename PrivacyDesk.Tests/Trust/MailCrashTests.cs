using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>kill -9 during mail import or an IMAP poll (batched: inside a batch, and between a batch's commit and its \Seen), then run it again: every message once, nothing twice, nothing half-written.</summary>
[Trait("Provider", "Sqlite")] // the SQLite file itself (PostgreSQL has its own tests in PostgresTests)
public sealed class MailCrashTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pd-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private string Settings => Path.Combine(_dir, "appsettings.json");
    private string Database => Path.Combine(_dir, "data", "pd.db");

    public MailCrashTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Settings, """{"Database": {"Path": "data/pd.db"}, "Mail": {"PickupDirectory": "data/outbox"}}""");
    }

    private Process Start(params string[] args) => StartWith(null, args);

    /// <param name="crashAt">A crash point ("imap-after-commit:3"): the process kills itself with SIGKILL there (CrashPoints).</param>
    private Process StartWith(string? crashAt, params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.AppExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PRIVACYDESK_SETTINGS"] = Settings;
        if (crashAt is not null) info.Environment["PRIVACYDESK_CRASH_AT"] = crashAt;
        return Process.Start(info)!;
    }

    private async Task<string> RunAsync(params string[] args)
    {
        using var p = Start(args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await ExitWithinAsync(p, string.Join(' ', args));
        Assert.True(p.ExitCode == 0, $"{string.Join(' ', args)}: {await error}");
        return await output;
    }

    /// <summary>
    /// Waits for a verb, but not for ever: twice in 2026-12 a rerun of import-customers after the kill sat idle
    /// (every thread in a futex wait, nothing written) and held the whole suite until CI's limit. Now it fails
    /// here, in minutes, saying which verb, and the process is killed.
    /// </summary>
    private static async Task ExitWithinAsync(Process p, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try { await p.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"'{what}' did not exit within 5 minutes (killed).");
        }
    }

    private long Scalar(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L);
    }

    [Fact]
    public async Task Killing_the_import_midway_and_running_it_again_loses_and_duplicates_nothing()
    {
        await RunAsync("create-merchant", "--slug", "laval", "--name", "Meubles Laval", "--country", "CA", "--province", "QC");
        const int total = 1500;
        var mbox = Path.Combine(_dir, "big.mbox");
        var sb = new StringBuilder();
        for (var i = 0; i < total; i++)
            sb.Append($"From sender@example.com Sun Nov 22 12:00:00 2026\nFrom: Client {i} <client{i}@example.com>\nSubject: Delete my account {i}\n" +
                      $"Message-ID: <crash-{i}@example.com>\n\nPlease delete my account and all my data. ({i})\n\n");
        File.WriteAllText(mbox, sb.ToString());

        using (var import = Start("import", "--merchant", "laval", mbox))
        {
            _ = import.StandardOutput.ReadToEndAsync();
            _ = import.StandardError.ReadToEndAsync();
            // Wait until it is well into the file, then kill it without warning.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && (!File.Exists(Database) || SafeCount() < 200)) await Task.Delay(50);
            import.Kill(entireProcessTree: true); // SIGKILL
            await ExitWithinAsync(import, "the killed import");
        }
        var afterKill = SafeCount();
        Assert.InRange(afterKill, 200, total - 1);

        var output = await RunAsync("import", "--merchant", "laval", mbox);
        Assert.Contains($"{afterKill} already imported", output);

        // Said on failure: where the kill fell and what the rerun did, so that a loss can be traced to its message.
        var inbound = Scalar("SELECT COUNT(*) FROM InboundMessages");
        if (inbound != total)
            Assert.Fail($"{inbound} of {total} messages after a kill at {afterKill}; the rerun said: " +
                string.Join(" | ", output.Split('\n').Where(l => !l.Contains(": NewRequest ", StringComparison.Ordinal)).TakeLast(20)) +
                $"; missing: {string.Join(", ", Enumerable.Range(0, total).Where(i => Scalar($"SELECT COUNT(*) FROM InboundMessages WHERE MessageIdHeader LIKE '%crash-{i}@%'") == 0).Take(5))}");
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM Requests"));
        Assert.Equal(total, Scalar("SELECT COUNT(DISTINCT DedupeKey) FROM InboundMessages"));
        // Each message's request, timeline event and acknowledgement were committed together, or not at all.
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM RequestEvents WHERE Kind = 'EmailReceived'"));
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM Outbox"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM Requests r WHERE NOT EXISTS (SELECT 1 FROM InboundMessages m WHERE m.RequestId = r.Id)"));
        Assert.Contains("OK", await RunAsync("verify-audit"));
    }

    [Fact]
    public async Task Killing_an_IMAP_poll_inside_a_batch_and_between_commit_and_seen_loses_and_duplicates_nothing()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        const int total = 1000, batch = 50;
        File.WriteAllText(Settings, $$$"""
            {"Database": {"Path": "data/pd.db"}, "Mail": {"PickupDirectory": "data/outbox"},
             "Intake": {"BatchSize": {{{batch}}}, "Sources": [{"Name": "inbox", "Merchant": "laval", "Kind": "Imap", "Host": "127.0.0.1", "Port": {{{dovecot.Port}}},
               "Security": "None", "AllowPlaintextLoopback": true, "User": "{{{dovecot.User}}}", "Secret": "{{{dovecot.Password}}}"}]}}
            """);
        await RunAsync("create-merchant", "--slug", "laval", "--name", "Meubles Laval", "--country", "CA", "--province", "QC");
        dovecot.Append("INBOX", Enumerable.Range(0, total).Select(i => Encoding.UTF8.GetBytes(
            $"From: Client {i} <imap{i}@example.com>\r\nTo: privacy@example.ca\r\nSubject: Delete my account {i}\r\nMessage-ID: <imap-crash-{i}@example.com>\r\n" +
            $"Date: Sun, 22 Nov 2026 12:00:00 -0500\r\n\r\nPlease delete my account and all my data. ({i})\r\n")).ToArray());

        // 1. Killed right after the third batch's commit, before its \Seen: three batches in, the third still unseen on the server.
        using (var poll = StartWith("imap-after-commit:3", "poll-mail"))
        {
            _ = poll.StandardOutput.ReadToEndAsync();
            _ = poll.StandardError.ReadToEndAsync();
            await ExitWithinAsync(poll, "poll-mail killed after a commit");
            Assert.Equal(137, poll.ExitCode); // 128 + SIGKILL
        }
        Assert.Equal(3 * batch, Scalar("SELECT COUNT(*) FROM InboundMessages"));
        Assert.Equal(total - 2 * batch, dovecot.Count("INBOX").Unseen);

        // 2. Killed from outside at a moment of its own, in the middle of writing a batch: a batch is all in or not at all.
        using (var poll = Start("poll-mail"))
        {
            _ = poll.StandardOutput.ReadToEndAsync();
            _ = poll.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && SafeCount() < 8 * batch + 7) await Task.Delay(20);
            poll.Kill(entireProcessTree: true);
            await ExitWithinAsync(poll, "the killed poll");
        }
        var afterKill = SafeCount();
        Assert.InRange(afterKill, 8 * batch, total - 1);
        Assert.True(afterKill % batch == 0, $"{afterKill} messages after a kill: a batch of {batch} was half written");
        Assert.Equal(afterKill, Scalar("SELECT COUNT(*) FROM Requests"));

        // 3. Run again to the end: every message once, everything of each message, all marked read on the server.
        var output = await RunAsync("poll-mail");
        Assert.Contains("inbox:", output);
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM InboundMessages"));
        Assert.Equal(total, Scalar("SELECT COUNT(DISTINCT DedupeKey) FROM InboundMessages"));
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM Requests"));
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM RequestEvents WHERE Kind = 'EmailReceived'"));
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM Outbox"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM Requests r WHERE NOT EXISTS (SELECT 1 FROM InboundMessages m WHERE m.RequestId = r.Id)"));
        Assert.Equal((total, 0), dovecot.Count("INBOX"));
        Assert.Contains("OK", await RunAsync("verify-audit"));
    }

    [Fact]
    public async Task Killing_a_customer_import_midway_leaves_nothing_half_done_and_the_rerun_completes_it()
    {
        await RunAsync("create-merchant", "--slug", "laval", "--name", "Meubles Laval", "--country", "CA", "--province", "QC");
        const int total = 150_000;
        var csv = Path.Combine(_dir, "customers.csv");
        await using (var w = new StreamWriter(csv, false, new UTF8Encoding(true)))
        {
            await w.WriteLineAsync("account_number,first_name,last_name,email,postal_code,language");
            for (var i = 0; i < total; i++) await w.WriteLineAsync($"C-{i:D6},Prénom{i},Nom{i},c{i}@example.com,H7G 2V5,fr");
        }
        using (var import = Start("import-customers", "--merchant", "laval", csv))
        {
            _ = import.StandardOutput.ReadToEndAsync();
            _ = import.StandardError.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // into validation or the write
            import.Kill(entireProcessTree: true);
            await ExitWithinAsync(import, "the killed import");
        }
        var afterKill = Scalar("SELECT COUNT(*) FROM Customers");
        Assert.True(afterKill == 0, $"{afterKill} customers after the kill: the import is one transaction, killed before its commit");

        await RunAsync("import-customers", "--merchant", "laval", csv);
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM Customers"));
        Assert.Equal(total, Scalar("SELECT COUNT(DISTINCT AccountNumber) FROM Customers"));
        Assert.Equal(total, Scalar("SELECT COUNT(*) FROM ContactPoints WHERE Kind = 'Email'"));
        Assert.Contains("OK", await RunAsync("verify-audit"));
    }

    private long SafeCount()
    {
        try { return Scalar("SELECT COUNT(*) FROM InboundMessages"); }
        catch (SqliteException) { return 0; } // the table does not exist until the migration ran
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
