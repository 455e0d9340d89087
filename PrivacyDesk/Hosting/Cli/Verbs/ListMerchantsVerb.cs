using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class ListMerchantsVerb : CliVerb
{
    public override string Name => "list-merchants";
    public override string Summary => "List merchants, one per line: id, slug, country/province, language, name.";
    public override string Usage => "PrivacyDesk list-merchants";

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var merchants = await db.Merchants.AsNoTracking().OrderBy(m => m.Slug).ToListAsync();
        foreach (var m in merchants)
        {
            var region = m.Province is null ? m.Country : $"{m.Country}-{m.Province}";
            output.WriteLine($"{m.Id}\t{m.Slug}\t{region}\t{m.DefaultLanguage}\t{m.Name}{(m.IsActive ? "" : "\t(inactive)")}");
        }
        if (merchants.Count == 0) output.WriteLine("No merchants yet. Create one with create-merchant.");
        return 0;
    }
}
