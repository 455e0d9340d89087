using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting.Cli.Verbs;

public sealed class CreateAdminVerb : CliVerb
{
    public override string Name => "create-admin";
    public override string Summary => "Create an administrator account.";
    public override string Usage => "PrivacyDesk create-admin --email E --password P [--name \"Display name\"]";
    public override IReadOnlyCollection<string> ValueOptions => ["--email", "--password", "--name"];

    public override async Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var email = args.Require("--email");
        var password = args.Require("--password");
        var admin = services.GetRequiredService<UserAdminService>();
        var result = await admin.CreateAsync(new StaffUserInput(email, args.Get("--name") ?? email, Cultures.English, [Roles.Admin], []),
            password, AuditActor.Cli);
        if (!result.Succeeded) throw new CliUsageException(string.Join(" ", result.Errors));
        output.WriteLine($"Created administrator {email}.");
        return 0;
    }
}
