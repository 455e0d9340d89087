using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Data.Providers;
using PrivacyDesk.Features.Customers.Import;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Notices;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// A policy-change notice to N customers: the customers imported through the real importer, then the campaign's
/// own statements timed as the app runs them (the audience count of the preview, the set-based recipient insert of
/// the start, the dispatcher handing every notice to the outbox with the throttle off), then the outbox sending
/// a sample of them to a real SMTP server (aiosmtpd, discarding) over its batched connection.
/// </summary>
public static class CampaignBenchmark
{
    private sealed class Factory(DatabaseTarget target) : IDbContextFactory<PrivacyDeskDbContext>
    {
        public PrivacyDeskDbContext CreateDbContext() => target.CreateContext();
    }

    public static async Task RunAsync(string folder, PrivacyDeskDbContext system, DatabaseTarget target, int merchantId, CustomerImporter importer,
        int customers, int send, TextWriter output)
    {
        var file = Path.Combine(folder, "customers.csv");
        await CustomerBenchmark.WriteFileAsync(file, customers);
        var map = CustomerImportService.GuessMap(["account_number", "first_name", "last_name", "email", "phone", "postal_address", "postal_code", "language", "date_of_birth"]);
        var report = await importer.ImportAsync(system, merchantId, () => File.OpenRead(file), ImportFormat.Csv, map, new ImportOptions());
        output.WriteLine($"Customers imported: {report.Inserted:N0} in {report.Elapsed.TotalSeconds:F1} s (setup, not the campaign).");

        await NoticeTemplates.EnsureAsync(system, CancellationToken.None);
        var version = new PolicyVersion
        {
            MerchantId = merchantId, Label = "bench", EffectiveOn = DateOnly.FromDateTime(DateTime.Today.AddDays(60)), NoticeDays = 30, Substantial = true,
            SummaryFr = "Nous conserverons vos commandes 7 ans au lieu de 6.", SummaryEn = "We will keep your orders for 7 years instead of 6.", CreatedAt = DateTimeOffset.UtcNow,
        };
        system.PolicyVersions.Add(version);
        await system.SaveChangesAsync();
        if (target.IsPostgres) await system.Database.ExecuteSqlRawAsync("ANALYZE;");

        var factory = new Factory(target);
        var clock = Stopwatch.StartNew();
        await using (var db = factory.CreateSystemContext(AuditActor.Cli))
        {
            var audience = await CampaignService.Audience(db, merchantId, CampaignAudience.AccountHolders).CountAsync();
            output.WriteLine($"Preview (audience count): {audience:N0} in {clock.Elapsed.TotalSeconds:F2} s");
        }
        clock.Restart();
        int campaignId, recipients;
        await using (var db = factory.CreateSystemContext(AuditActor.Cli))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var campaign = new NoticeCampaign { MerchantId = merchantId, PolicyVersionId = version.Id, Status = CampaignStatus.Sending, StartedAt = DateTimeOffset.UtcNow, StartedBy = "bench" };
            db.NoticeCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaign.RecipientCount = recipients = await CampaignRecipients.InsertAsync(db, campaign, askConsent: false, CancellationToken.None);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            campaignId = campaign.Id;
        }
        var start = clock.Elapsed;
        output.WriteLine($"Start (recipients written, one INSERT ... SELECT): {recipients:N0} in {start.TotalSeconds:F1} s ({recipients / start.TotalSeconds:N0} rows/s)");

        var mail = Options.Create(new MailOptions { Transport = "Smtp", SmtpHost = "127.0.0.1", SmtpPort = 0, SmtpStartTls = false, DefaultFrom = "privacy@bench.example" });
        var leases = WorkLeases.For(target);
        var dispatcher = new CampaignDispatcher(factory, Options.Create(new NoticeOptions { BatchSize = 1000 }), mail, TimeProvider.System, leases, NullLogger<CampaignDispatcher>.Instance);
        clock.Restart();
        var handed = 0;
        for (int n; (n = await dispatcher.DispatchAsync(CancellationToken.None)) > 0;) handed += n;
        var dispatch = clock.Elapsed;
        output.WriteLine($"Dispatch to the outbox (rendered in each language, throttle off): {handed:N0} in {dispatch.TotalSeconds:F1} s ({handed / dispatch.TotalSeconds:N0} messages/s)");
        output.WriteLine($"Queued in all (start + dispatch): {(start + dispatch).TotalSeconds:F1} s");

        await using var smtp = SmtpSinkProcess.Start(out var port);
        mail.Value.SmtpPort = port;
        var configuration = new ConfigurationBuilder().Build();
        var sender = new OutboxSender(factory, new SmtpMailTransport(mail, configuration), mail, TimeProvider.System, leases, NullLogger<OutboxSender>.Instance);
        // Only a sample is sent: the rate is what is measured; the rest stays queued in the throw-away database.
        await using (var db = factory.CreateSystemContext(AuditActor.Cli))
            await db.Outbox.Where(o => o.Status == OutboxStatus.Queued && o.Id > db.Outbox.Where(x => x.Status == OutboxStatus.Queued).Min(x => x.Id) + send - 1)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, DateTimeOffset.UtcNow.AddYears(1)));
        clock.Restart();
        var sent = 0;
        for (int n; (n = await sender.SendDueAsync(CancellationToken.None)) > 0;) sent += n;
        var sending = clock.Elapsed;
        output.WriteLine($"Outbox to aiosmtpd (one connection per pass of 50, throttle off): {sent:N0} sent in {sending.TotalSeconds:F1} s ({sent / sending.TotalSeconds:N0} messages/s)");
        await using (var db = factory.CreateSystemContext(AuditActor.Cli))
        {
            var told = await db.CampaignRecipients.CountAsync(r => r.CampaignId == campaignId && r.Status == RecipientStatus.Sent);
            output.WriteLine($"Recipients recorded as sent: {told:N0}");
        }
    }

    /// <summary>aiosmtpd with its discarding handler, on a free loopback port (Debian's python3-aiosmtpd).</summary>
    private sealed class SmtpSinkProcess(Process process) : IAsyncDisposable
    {
        public static SmtpSinkProcess Start(out int port)
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Sink") { RedirectStandardError = true, UseShellExecute = false })
                ?? throw new InvalidOperationException("aiosmtpd did not start (apt install python3-aiosmtpd).");
            for (var i = 0; i < 100; i++)
            {
                try { using var c = new System.Net.Sockets.TcpClient("127.0.0.1", port); break; }
                catch (System.Net.Sockets.SocketException) { Thread.Sleep(100); }
            }
            return new SmtpSinkProcess(p);
        }

        public ValueTask DisposeAsync()
        {
            try { process.Kill(); process.WaitForExit(5000); } catch (InvalidOperationException) { }
            process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
