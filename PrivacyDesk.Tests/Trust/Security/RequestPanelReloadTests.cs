using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Pages;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Finding 5: after following the duplicate link from one request to another, the mail panel kept
/// the first request's text under the second's header: the reused component returned early. The
/// same component instance is handed another message here, as the request page does.
/// </summary>
public sealed class RequestPanelReloadTests
{
    /// <summary>Holds one MailMessageView and hands it another message when told, like a page whose route parameter changed.</summary>
    private sealed class Switcher : ComponentBase
    {
        [Parameter] public InboundMessage Initial { get; set; } = null!;
        [Parameter] public Action<Switcher>? Ready { get; set; }
        private InboundMessage Current = null!;
        protected override void OnInitialized() { Current = Initial; Ready?.Invoke(this); }
        public void Show(InboundMessage m) { Current = m; StateHasChanged(); }
        protected override void BuildRenderTree(RenderTreeBuilder b)
        {
            b.OpenComponent<MailMessageView>(0);
            b.AddAttribute(1, nameof(MailMessageView.Message), Current);
            b.CloseComponent();
        }
    }

    [Fact]
    public async Task A_mail_view_handed_another_requests_message_shows_that_message()
    {
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var officer = await host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], merchant.Id);
        var intake = host.Services.GetRequiredService<MailIntake>();
        await intake.IngestAsync(merchant.Id, Features.Intake.MailIntakeTests.Eml("Jeanne <jeanne@example.ca>", "Accès", "JEANNE-TEXT: copie de mes données", "j1@example.ca"), "t", null, AuditActor.System);
        await intake.IngestAsync(merchant.Id, Features.Intake.MailIntakeTests.Eml("Marc <marc@example.ca>", "Accès", "MARC-TEXT: copie de mes données", "m1@example.ca"), "t", null, AuditActor.System);
        List<InboundMessage> messages;
        await using (var db = host.SystemDb()) messages = await db.InboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();

        await using var scope = host.ActAs(officer);
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, NullLoggerFactory.Instance);
        Switcher? instance = null;
        var root = await renderer.Dispatcher.InvokeAsync(() => renderer.RenderComponentAsync<Switcher>(ParameterView.FromDictionary(
            new Dictionary<string, object?> { [nameof(Switcher.Initial)] = messages[0], [nameof(Switcher.Ready)] = (Action<Switcher>)(s => instance = s) })));
        await root.QuiescenceTask;
        Assert.Contains("JEANNE-TEXT", await renderer.Dispatcher.InvokeAsync(root.ToHtmlString));

        await renderer.Dispatcher.InvokeAsync(() => instance!.Show(messages[1]));
        await root.QuiescenceTask;
        await Task.Delay(200); // the view loads the message asynchronously after the new parameters
        var second = await renderer.Dispatcher.InvokeAsync(root.ToHtmlString);
        Assert.Contains("MARC-TEXT", second);
        Assert.DoesNotContain("JEANNE-TEXT", second);
    }
}
