using System.Diagnostics;
using System.Net;
using MimeKit;
using Npgsql;
using PrivacyDesk.Tests.Features.Intake;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Load;

/// <summary>
/// Two app nodes (two `serve` processes of the real build) on one PostgreSQL database, both polling the same
/// Dovecot mailbox and sending through the same aiosmtpd, while staff on both nodes search the queue and the
/// customers. Afterwards: no failed page, every message taken in once, every outgoing mail sent once, and the
/// audit chain verifies. Run by scripts/load-test.sh (PostgreSQL needed); figures in BENCHMARKS.md.
/// </summary>
[Trait("Category", "Load")]
[Trait("Provider", "Postgres")]
public sealed class TwoNodeLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_under_load_take_mail_in_once_send_once_and_keep_the_audit_chain()
    {
        var messages = int.TryParse(Environment.GetEnvironmentVariable("PD_NODES_MESSAGES"), out var m) ? m : 1000;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("PD_LOAD_SECONDS"), out var s) ? s : 60;
        await using var dovecot = await DovecotServer.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        var database = await TestDatabase.CreatePostgresAsync();
        var dir = Directory.CreateTempSubdirectory("pd-nodes-").FullName;
        try
        {
            var settings = Path.Combine(dir, "appsettings.json");
            await File.WriteAllTextAsync(settings, $$"""
                { "Database": { "Provider": "Postgres", "ConnectionString": "{{database}}", "Path": "data/unused.db" },
                  "Security": { "SignInAttemptsPerMinute": 100000, "ApiRequestsPerMinute": 100000 },
                  "Mail": { "Transport": "Smtp", "SmtpHost": "127.0.0.1", "SmtpPort": {{smtp.Port}}, "SmtpStartTls": false, "PollSeconds": 1 },
                  "Intake": { "Sources": [ { "Name": "shared", "Merchant": "mm-laval", "Kind": "Imap", "Host": "127.0.0.1", "Port": {{dovecot.Port}},
                      "Security": "None", "AllowPlaintextLoopback": true, "User": "{{dovecot.User}}", "Secret": "{{dovecot.Password}}", "PollSeconds": 5 } ] },
                  "Logging": { "LogLevel": { "Default": "Warning" } } }
                """);
            var (seedExit, seedOutput) = await RunAsync(settings, dir, "seed-demo", "--customers", "2000", "--requests", "500");
            Assert.True(seedExit == 0, seedOutput);
            var password = (await File.ReadAllTextAsync(Path.Combine(dir, "data", "demo-admin.txt"))).Trim();
            string[] subjects = ["Delete my account", "Mes données", "Unsubscribe", "Correction"];
            foreach (var chunk in Enumerable.Range(0, messages).Chunk(500))
                dovecot.Append("INBOX", chunk.Select(i => MailIntakeTests.Eml($"Person {i} <node{i}@example.com>", subjects[i % 4],
                    "Please delete my account and all my data. / Quels renseignements détenez-vous sur moi?", $"node-{i}@example.com")).ToArray());

            var nodes = new[] { Serve(settings, dir), Serve(settings, dir) };
            try
            {
                foreach (var node in nodes) await node.ReadyAsync();
                var watch = Stopwatch.StartNew();
                var (pages, failures) = await StaffLoadAsync(nodes.Select(n => n.BaseUrl).ToArray(), password, TimeSpan.FromSeconds(seconds));
                await WaitForAsync(database, $"""SELECT COUNT(*) FROM "InboundMessages" WHERE "MessageIdHeader" LIKE '%node-%'""", messages, TimeSpan.FromMinutes(5));
                var intakeSeconds = watch.Elapsed.TotalSeconds;
                await WaitForAsync(database, """SELECT COUNT(*) FROM "Outbox" WHERE "Status" IN ('Queued', 'Retrying')""", 0, TimeSpan.FromMinutes(5));

                var inbound = (long)Scalar(database, """SELECT COUNT(*) FROM "InboundMessages" WHERE "MessageIdHeader" LIKE '%node-%'""")!;
                var inboundDistinct = (long)Scalar(database, """SELECT COUNT(DISTINCT "MessageIdHeader") FROM "InboundMessages" WHERE "MessageIdHeader" LIKE '%node-%'""")!;
                var sentInDb = (long)Scalar(database, """SELECT COUNT(*) FROM "Outbox" WHERE "Status" = 'Sent'""")!;
                var delivered = smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(raw)).MessageId).ToList();
                var (auditExit, auditOutput) = await RunAsync(settings, dir, "verify-audit");
                var line = $"Two nodes on one PostgreSQL, {seconds} s of staff load ({pages:N0} page loads, {failures} failed) while both polled one " +
                           $"mailbox of {messages:N0} messages: {inbound:N0} taken in ({inboundDistinct:N0} distinct) within {intakeSeconds:0} s; " +
                           $"{sentInDb:N0} outbox messages sent, {delivered.Count:N0} delivered to SMTP ({delivered.Distinct().Count():N0} distinct Message-IDs); " +
                           $"verify-audit: {auditOutput.Trim().Split('\n')[^1]}";
                output.WriteLine(line);
                File.WriteAllText(Path.Combine(RepoPaths.TestOutput, "two-nodes.txt"), line + "\n");

                Assert.Equal(0, failures);
                Assert.Equal(messages, inbound);
                Assert.Equal(inbound, inboundDistinct);
                Assert.Equal(sentInDb, delivered.Count);
                Assert.Equal(delivered.Count, delivered.Distinct().Count());
                Assert.True(auditExit == 0, auditOutput);
            }
            finally
            {
                foreach (var node in nodes) node.Stop();
            }
        }
        finally
        {
            await TestDatabase.DropAsync(database);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(long Pages, int Failures)> StaffLoadAsync(string[] urls, string password, TimeSpan duration)
    {
        long pages = 0;
        var failures = 0;
        string[] paths = ["/requests", "/requests?search=tremblay", "/customers?search=gagnon", "/"];
        var until = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, 8).Select(async w =>
        {
            using var http = await StaffHttp.SignInAsync(urls[w % urls.Length], "officer@demo.privacydesk.example", password);
            var i = 0;
            while (DateTime.UtcNow < until)
            {
                var response = await http.Client.GetAsync(paths[i++ % paths.Length]);
                Interlocked.Increment(ref pages);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        });
        await Task.WhenAll(workers);
        return (pages, failures);
    }

    private static async Task WaitForAsync(string cs, string sql, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((long)Scalar(cs, sql)! != expected && DateTime.UtcNow < deadline) await Task.Delay(1000);
    }

    private static object? Scalar(string cs, string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    private static ProcessStartInfo Info(string settings, string dir, params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.AppExecutable) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PRIVACYDESK_SETTINGS"] = settings;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string settings, string dir, params string[] args)
    {
        using var p = Process.Start(Info(settings, dir, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    private static Node Serve(string settings, string dir)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var p = Process.Start(Info(settings, dir, "serve", "--urls", url))!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new Node(p, url);
    }

    private sealed record Node(Process Process, string BaseUrl)
    {
        public async Task ReadyAsync()
        {
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                if (Process.HasExited) throw new InvalidOperationException("A node exited at start-up.");
                try { if ((await http.GetAsync(BaseUrl + "/account/login")).StatusCode == HttpStatusCode.OK) return; }
                catch (HttpRequestException) { }
                await Task.Delay(300);
            }
            throw new TimeoutException("A node did not start.");
        }

        public void Stop()
        {
            if (!Process.HasExited) { Process.Kill(entireProcessTree: true); Process.WaitForExit(); }
            Process.Dispose();
        }
    }
}
