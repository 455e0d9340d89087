using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Tests.Features.Intake;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Load;

/// <summary>
/// IMAP intake throughput: N messages appended to a real Dovecot, then one poll that fetches,
/// parses, classifies, opens a request and queues an acknowledgement for each, committing each batch
/// before marking it seen. Run by scripts/load-test.sh; results in BENCHMARKS.md.
/// </summary>
[Trait("Category", "Load")]
public sealed class ImapIntakeBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_messages_over_IMAP()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("PD_IMAP_MESSAGES"), out var v) ? v : 10_000;
        await using var dovecot = await DovecotServer.StartAsync();
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var subjects = new[] { ("Delete my account", "Please delete my account and all my data."), ("Mes données", "Quels renseignements personnels détenez-vous sur moi?"),
                               ("Unsubscribe", "Stop sending me promotional emails."), ("Correction", "My address is wrong, please update it to 12 Oak St.") };
        var append = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, n).Chunk(2000))
            dovecot.Append("INBOX", chunk.Select(i => MailIntakeTests.Eml($"Person {i} <p{i}@example.com>", subjects[i % 4].Item1, subjects[i % 4].Item2, $"bench-{i}@example.com")).ToArray());
        append.Stop();
        int sourceId;
        await using (var db = host.SystemDb())
        {
            var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ImapPoller.SecretPurpose);
            var source = new MailSource { Name = "bench", MerchantId = merchant.Id, Kind = MailSourceKind.Imap, ImapHost = "127.0.0.1", ImapPort = dovecot.Port,
                ImapSecurity = ImapSecurity.None, AllowPlaintextLoopback = true, ImapUser = dovecot.User, ImapSecretProtected = protector.Protect(dovecot.Password) };
            db.MailSources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }
        var meter = host.Services.GetRequiredService<IntakeMeter>();
        meter.Reset();
        var watch = Stopwatch.StartNew();
        var result = await host.Services.GetRequiredService<MailPollingWorker>().PollOneAsync(sourceId, CancellationToken.None);
        watch.Stop();
        Assert.Null(result.Error);
        Assert.Equal(n, result.Imported);
        await using (var db = host.SystemDb()) Assert.Equal(n, await db.Requests.CountAsync());
        var line = $"IMAP intake of {n:N0} messages (appended in {append.Elapsed.TotalSeconds:0.0} s by imaplib): one poll took {watch.Elapsed.TotalSeconds:0.0} s, " +
                   $"{n / watch.Elapsed.TotalSeconds:0} messages/s, fetched and parsed in batches while the batch before is written (one transaction per batch), each opened as a request with its acknowledgement queued, " +
                   $"then the batch marked \\Seen. Summed per phase (fetch and parse overlap the writes): {meter.Describe()}";
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(RepoPaths.TestOutput, "imap-bench.txt"), line + "\n");
    }
}
