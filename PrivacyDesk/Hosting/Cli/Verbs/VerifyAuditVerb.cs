using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Audit;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class VerifyAuditVerb : CliVerb
{
    public override string Name => "verify-audit";
    public override string Summary => "Check the audit log's hash chain: prints \"OK n records\" or the first broken record (exit 1).";
    public override string Usage => "PrivacyDesk verify-audit";

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var result = await AuditVerifier.VerifyAsync(db);
        output.WriteLine(result.Ok ? $"OK {result.Records} records" : $"BROKEN at record {result.FirstBrokenId}: {result.Problem}");
        return result.Ok ? 0 : 1;
    }
}
