using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// Imports mail for one merchant from a Maildir, an mbox or .eml files, through the same intake as
/// the mailboxes: exactly once (running it twice imports nothing new), quarantine for what is unusable.
/// Messages are written in batches (Intake:BatchSize, one transaction each); a Maildir's new/ messages move
/// to cur/ after their batch's commit, as the drop-folder reader does.
/// </summary>
public sealed class ImportMailVerb : CliVerb
{
    public override string Name => "import";
    public override string Summary => "Import mail (Maildir, mbox or .eml) for a merchant through email intake, exactly once.";
    public override string Usage => "PrivacyDesk import --merchant SLUG PATH [--timings]";
    public override IReadOnlyCollection<string> ValueOptions => ["--merchant"];
    public override IReadOnlyCollection<string> Flags => ["--timings"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var slug = args.Require("--merchant");
        var path = args.Positional.SingleOrDefault() ?? throw new CliUsageException("Name a Maildir folder, an mbox or an .eml file.");
        if (!File.Exists(path) && !Directory.Exists(path)) throw new CliUsageException($"No file or folder at {path}.");
        int merchantId;
        await using (var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli))
            merchantId = await db.Merchants.AsNoTracking().Where(m => m.Slug == slug).Select(m => m.Id).FirstOrDefaultAsync();
        if (merchantId == 0) throw new CliUsageException($"No merchant with slug '{slug}'. See list-merchants.");

        var intake = services.GetRequiredService<MailIntake>();
        var batchSize = Math.Max(1, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value.BatchSize);
        int opened = 0, replies = 0, quarantined = 0, duplicates = 0, failed = 0;
        // The file is read and parsed on one core while the batch before is written on the other; at most two
        // batches wait, so an mbox of any size is read as a stream.
        var batches = System.Threading.Channels.Channel.CreateBounded<(MailFile[] Files, PreparedBatch Batch)>(2);
        // If writing fails, the reader must not wait for ever on a full channel: it is cancelled.
        using var stopReading = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var files in MailFiles.Read(path).Chunk(batchSize))
                    await batches.Writer.WriteAsync((files, intake.Prepare(merchantId, null,
                        files.Select(f => new IncomingMail(f.Bytes, $"import:{f.Origin}", null, f.Parsed)).ToList())), stopReading.Token);
                batches.Writer.Complete();
            }
            catch (Exception e) { batches.Writer.Complete(e); }
        });
        try
        {
            await foreach (var (files, batch) in batches.Reader.ReadAllAsync())
            {
                var outcomes = await intake.IngestBatchAsync(batch, AuditActor.Cli, CancellationToken.None);
                for (var i = 0; i < outcomes.Count; i++)
                {
                    var mail = files[i];
                    if (outcomes[i].Result is not { } r)
                    {
                        failed++;
                        output.WriteLine($"{mail.Origin}: not imported ({outcomes[i].Error}); run the import again to retry it");
                        continue;
                    }
                    if (r.Duplicate) duplicates++;
                    else if (r.Status == InboundStatus.NewRequest) opened++;
                    else if (r.Status == InboundStatus.Reply) replies++;
                    else quarantined++;
                    output.WriteLine($"{mail.Origin}: {(r.Duplicate ? "already imported, " : "")}{r.Status}{(r.Reference is null ? "" : $" {r.Reference} (request {r.RequestId})")}{(r.Reason is null ? "" : " (" + r.Reason + ")")}");
                    if (mail.MaildirPath is { } file && Path.GetFileName(Path.GetDirectoryName(file)) == "new")
                    {
                        var cur = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file))!, "cur");
                        Directory.CreateDirectory(cur);
                        File.Move(file, Path.Combine(cur, Path.GetFileName(file) + ":2,S"), overwrite: true);
                    }
                }
            }
        }
        finally { await stopReading.CancelAsync(); }
        await reading;
        output.WriteLine($"Imported: {opened} new requests, {replies} replies, {quarantined} quarantined, {duplicates} already imported" +
                         (failed > 0 ? $", {failed} not imported (see above)." : "."));
        if (args.Has("--timings")) output.WriteLine("Time per phase: " + services.GetRequiredService<IntakeMeter>().Describe());
        return failed > 0 ? 1 : 0;
    }
}
