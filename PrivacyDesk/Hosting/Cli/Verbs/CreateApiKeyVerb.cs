using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests.Api;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class CreateApiKeyVerb : CliVerb
{
    public override string Name => "create-api-key";
    public override string Summary => "Create a key for a merchant's web-form intake API; the key is printed alone on the last line.";
    public override string Usage => "PrivacyDesk create-api-key --merchant SLUG [--name \"Website form\"]";
    public override IReadOnlyCollection<string> ValueOptions => ["--merchant", "--name"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var slug = args.Require("--merchant");
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Slug == slug)
            ?? throw new CliUsageException($"No merchant with slug '{slug}'. See list-merchants.");
        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(merchant.Id, args.Get("--name") ?? "Web form", AuditActor.Cli);
        output.WriteLine($"Created API key '{created.Key.Name}' for {merchant.Slug}. Send it in the X-Api-Key header; it is shown only now:");
        output.WriteLine(created.Secret);
        return 0;
    }
}
