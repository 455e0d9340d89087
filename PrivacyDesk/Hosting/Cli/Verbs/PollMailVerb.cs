using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Sources;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>
/// Polls the mailboxes once, now, as the running app does every interval (settings' mailboxes synchronised
/// first): for a cron job on a node that does not serve, or to drain a mailbox after an outage. The same
/// leases as the app's: a mailbox another node is polling is skipped until it is done.
/// </summary>
public sealed class PollMailVerb : CliVerb
{
    public override string Name => "poll-mail";
    public override string Summary => "Poll every enabled mailbox (or one) once, through email intake, exactly once.";
    public override string Usage => "PrivacyDesk poll-mail [--source NAME]";
    public override IReadOnlyCollection<string> ValueOptions => ["--source"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        await MailSourceSync.SyncFromSettingsAsync(services, CancellationToken.None);
        List<(int Id, string Name)> sources;
        await using (var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(MailPollingWorker.Actor))
            sources = (await db.MailSources.AsNoTracking().Where(s => s.Enabled).Select(s => new { s.Id, s.Name }).ToListAsync())
                .Select(s => (s.Id, s.Name)).ToList();
        if (args.Get("--source") is { } name)
        {
            sources = sources.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (sources.Count == 0) throw new CliUsageException($"No enabled mailbox named '{name}'.");
        }
        if (sources.Count == 0) output.WriteLine("No enabled mailbox.");
        var worker = services.GetRequiredService<MailPollingWorker>();
        var failed = 0;
        foreach (var (id, sourceName) in sources)
        {
            var (imported, error) = await worker.PollOneAsync(id, CancellationToken.None);
            output.WriteLine(error is null ? $"{sourceName}: {imported} messages read." : $"{sourceName}: {imported} messages read; {error}");
            if (error is not null) failed++;
        }
        return failed == 0 ? 0 : 1;
    }
}
