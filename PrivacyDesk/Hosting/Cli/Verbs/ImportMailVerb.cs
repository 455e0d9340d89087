using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// Imports mail for one merchant from a Maildir, an mbox or .eml files, through the same intake as
/// the mailboxes: exactly once (running it twice imports nothing new), quarantine for what is unusable.
/// A Maildir's new/ messages move to cur/ after each commit, as the drop-folder reader does.
/// </summary>
public sealed class ImportMailVerb : CliVerb
{
    public override string Name => "import";
    public override string Summary => "Import mail (Maildir, mbox or .eml) for a merchant through email intake, exactly once.";
    public override string Usage => "PrivacyDesk import --merchant SLUG PATH";
    public override IReadOnlyCollection<string> ValueOptions => ["--merchant"];

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
        int opened = 0, replies = 0, quarantined = 0, duplicates = 0;
        foreach (var mail in MailFiles.Read(path))
        {
            var r = await intake.IngestAsync(merchantId, mail.Bytes, $"import:{mail.Origin}", null, AuditActor.Cli, parsed: mail.Parsed);
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
        output.WriteLine($"Imported: {opened} new requests, {replies} replies, {quarantined} quarantined, {duplicates} already imported.");
        return 0;
    }
}
