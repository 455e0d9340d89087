using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class CreateMerchantVerb : CliVerb
{
    public override string Name => "create-merchant";
    public override string Summary => "Create a merchant (an organisation whose customers' data is handled here).";
    public override string Usage => "PrivacyDesk create-merchant --slug S --name N --country CC [--province PP] [--language fr|en] [--legal-name L] [--neq 1234567890] [--ack-days 2]";
    public override IReadOnlyCollection<string> ValueOptions => ["--slug", "--name", "--country", "--province", "--language", "--legal-name", "--neq", "--ack-days"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var input = new MerchantInput(args.Require("--slug"), args.Require("--name"), args.Get("--legal-name"), args.Get("--neq"),
            args.Require("--country"), args.Get("--province"), args.Get("--language") ?? "en", null, null, null, null,
            AcknowledgementBusinessDays: args.GetInt("--ack-days", 2, 0, 30));
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(AuditActor.Cli);
        var result = await MerchantService.CreateInAsync(db, input, services.GetRequiredService<UiText>(),
            services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        if (!result.Succeeded) throw new CliUsageException(string.Join(" ", result.Errors));
        output.WriteLine($"Created merchant {result.Merchant!.Slug} (id {result.Merchant.Id}).");
        return 0;
    }
}
