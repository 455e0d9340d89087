using PrivacyDesk.Features.Requests.Retention;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class PurgeRetentionVerb : CliVerb
{
    public override string Name => "purge-retention";
    public override string Summary => "Purge requesters' personal data from requests closed longer than Retention:ClosedRequestDays (730).";
    public override string Usage => "PrivacyDesk purge-retention [--dry-run]";
    public override IReadOnlyCollection<string> Flags => ["--dry-run"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var report = await services.GetRequiredService<RequestRetention>().PurgeAsync(args.Has("--dry-run"));
        output.WriteLine(args.Has("--dry-run")
            ? $"{report.Requests} closed requests are due for purge."
            : $"Purged the personal data of {report.Requests} closed requests ({report.Attachments} attachments, {report.Emails} emails).");
        return 0;
    }
}
