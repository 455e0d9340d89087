using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Import;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Reports;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Every guarded action of the services, tried by each role on its own merchant's records. An action
/// is "denied" when the service refuses the role (UnauthorizedAccessException) before doing anything;
/// a result, even a business refusal such as a wrong state, means the role got through. Any other
/// exception fails the test.
/// The expected table is the product's rule: support reps log and annotate but never decide or
/// export; managers read requests, incidents and reports and change nothing; only administrators
/// manage users, merchants, templates, the data inventory, mailboxes and API keys.
/// </summary>
public sealed class RoleMatrixTests(TwoMerchantWorld world) : IClassFixture<TwoMerchantWorld>
{
    private const string Y = "allowed", N = "denied";

    private sealed record GuardedAction(string Name, string Admin, string Officer, string Rep, string Manager, Func<AsyncServiceScope, MerchantRecords, Task> Run);

    private static T S<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private static readonly GuardedAction[] Actions =
    [
        // Requests
        new("log a request", Y, Y, Y, N, (s, a) => S<RequestWorkflow>(s).LogAsync(new NewRequest(a.Merchant.Id, [RequestType.Access], RequestChannel.Phone, "fr", "Jean Test", RequesterPhone: "514-555-0100"))),
        new("add a note", Y, Y, Y, N, (s, a) => S<RequestWorkflow>(s).AddNoteAsync(a.RequestId, "Appel reçu")),
        new("assign", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).AssignAsync(a.RequestId, null, null)),
        new("verify identity", Y, Y, N, N, async (s, a) => await S<RequestWorkflow>(s).VerifyIdentityAsync(a.RequestId, Guid.Empty, IdentityVerificationMethod.DocumentChecked, "x")),
        new("extend", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).ExtendAsync(a.RequestId, Guid.Empty, "Volume")),
        new("decide", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).DecideAsync(a.RequestId, Guid.Empty, RequestOutcome.Fulfilled, "Fait")),
        new("close", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).CloseAsync(a.RequestId, Guid.Empty)),
        new("withdraw", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).WithdrawAsync(a.RequestId, Guid.Empty, "Retrait")),
        new("link a customer", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).LinkCustomerAsync(a.RequestId, Guid.Empty, a.CustomerId)),
        new("reply by email", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).ReplyAsync(a.RequestId, "x@example.com", "Objet", "Texte")),
        new("bulk assign", Y, Y, N, N, (s, a) => S<RequestWorkflow>(s).BulkAssignAsync([a.RequestId], null)),
        // Documents (export of personal data)
        new("generate the access response", Y, Y, N, N, (s, a) => S<DocumentService>(s).GenerateAccessResponseAsync(a.RequestId)),
        new("generate a letter", Y, Y, N, N, (s, a) => S<DocumentService>(s).GenerateLetterAsync(a.RequestId, 1)),
        new("see the review before release", Y, Y, N, N, (s, a) => S<PrivacyDesk.Features.Documents.Review.DisclosureReview>(s).GetAsync(a.RequestId)),
        new("decide an item at the review", Y, Y, N, N, (s, a) => S<PrivacyDesk.Features.Documents.Review.DisclosureReview>(s).DecideAsync(a.RequestId, "note:1",
            PrivacyDesk.Features.Documents.Review.DisclosureChoice.Release, null)),
        // Customers
        new("rectify a customer", Y, Y, N, N, (s, a) => S<CustomerActions>(s).RectifyAsync(a.CustomerId, Guid.Empty, a.RequestId, RectifiableField.FirstName, "Hélène")),
        new("erase a customer", Y, Y, N, N, (s, a) => S<CustomerActions>(s).EraseAsync(a.CustomerId, Guid.Empty, a.RequestId)),
        new("import customers", Y, Y, N, N, (s, a) => S<CustomerImportService>(s).ImportAsync(a.Merchant.Id, () => new MemoryStream("account\n"u8.ToArray()),
            ImportFormat.Csv, new Dictionary<string, ImportField>(), new ImportOptions(DryRun: true))),
        new("edit the data inventory", Y, N, N, N, async (s, a) =>
        {
            var entry = (await S<InventoryService>(s).ListAsync(a.Merchant.Id))[0];
            await S<InventoryService>(s).UpdateAsync(entry);
        }),
        // Mail
        new("download an original message", Y, Y, N, N, (s, a) => S<MailboxService>(s).DownloadOriginalAsync(a.InboundId)),
        new("see the quarantine", Y, Y, N, N, (s, a) => S<MailboxService>(s).QuarantineAsync()),
        new("dismiss a quarantined message", Y, Y, N, N, (s, a) => S<MailboxService>(s).DismissAsync(a.QuarantinedId, Guid.Empty, "Spam")),
        new("upload mail", Y, Y, Y, N, (s, a) => S<MailboxService>(s).UploadAsync(a.Merchant.Id, "x.eml", new MemoryStream("From: a@example.com\r\n\r\nx"u8.ToArray()))),
        new("manage mailboxes", Y, N, N, N, (s, a) => S<MailboxService>(s).SourcesAsync()),
        // Incidents
        new("read incidents", Y, Y, N, Y, (s, a) => S<BreachService>(s).GetAsync(a.IncidentId)),
        new("download an incident file", Y, Y, N, Y, (s, a) => S<BreachService>(s).DownloadAsync(a.IncidentId, a.IncidentFileEventId)),
        new("read the breach register", Y, Y, N, Y, (s, a) => S<BreachService>(s).RegisterAsync()),
        new("add a note to an incident", Y, Y, N, N, (s, a) => S<BreachService>(s).AddNoteAsync(a.IncidentId, "Note")),
        new("assess risk", Y, Y, N, N, (s, a) => S<BreachService>(s).AssessAsync(a.IncidentId, BreachRegime.Quebec, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, "Faible")),
        new("send breach notices", Y, Y, N, N, (s, a) => S<BreachService>(s).SendNoticesAsync(a.IncidentId, "privacy@example.com")),
        // Reports
        new("build a report", Y, Y, N, Y, (s, a) => S<ReportService>(s).BuildAsync(new ReportQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), []))),
        // Administration
        new("list users", Y, N, N, N, (s, a) => S<UserAdminService>(s).ListAsync()),
        new("create a user", Y, N, N, N, (s, a) => S<UserAdminService>(s).CreateByAdminAsync(new StaffUserInput($"{Guid.NewGuid():N}@example.com", "Nouveau", Cultures.French, [Roles.SupportRep], [a.Merchant.Id]), new Uri("http://localhost/"))),
        new("create a merchant", Y, N, N, N, (s, a) => S<MerchantService>(s).CreateAsync(new MerchantInput($"m{Guid.NewGuid():N}"[..20], "Nouveau", null, null, "CA", "ON", "en", null, null, null, null))),
        new("edit a merchant", Y, N, N, N, (s, a) => S<MerchantService>(s).UpdateAsync(a.Merchant.Id, Guid.Empty, MerchantInput.From(a.Merchant))),
        new("edit a reply template", Y, N, N, N, (s, a) => S<ReplyTemplateService>(s).UpdateAsync(1, Guid.Empty, "Nom", "Objet", "Texte")),
        new("create an API key", Y, N, N, N, (s, a) => S<ApiKeyService>(s).CreateAsync(a.Merchant.Id, "site web")),
        new("list API keys", Y, N, N, N, (s, a) => S<ApiKeyService>(s).ListAsync()),
    ];

    [Fact]
    public async Task Each_role_can_do_exactly_what_its_job_needs()
    {
        var roles = new[] { Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep, Roles.Manager };
        var cells = 0;
        var wrong = new List<string>();
        foreach (var action in Actions)
        {
            string[] wanted = [action.Admin, action.Officer, action.Rep, action.Manager];
            for (var i = 0; i < roles.Length; i++, cells++)
            {
                var got = await TryAsync(roles[i], action);
                if (got != wanted[i]) wrong.Add($"{action.Name} as {roles[i]}: expected {wanted[i]}, was {got}");
            }
        }
        // Every cell is tried before asserting, so a failure lists all of them.
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells differ:\n" + string.Join("\n", wrong));
    }

    private async Task<string> TryAsync(string role, GuardedAction action)
    {
        await using var scope = world.Host.ActAs(world.StaffOfA[role]);
        try
        {
            await action.Run(scope, world.A);
            return Y;
        }
        catch (UnauthorizedAccessException)
        {
            return N;
        }
    }
}
