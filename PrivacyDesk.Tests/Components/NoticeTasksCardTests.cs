using Bunit;
using Microsoft.AspNetCore.Components;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices.Pages;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>The home page's card of notices owed: a legal-process disclosure to tell the person of, until it is done; another merchant's never.</summary>
public sealed class NoticeTasksCardTests : ComponentTest, IAsyncLifetime
{
    private TestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = Own(await TestHost.CreateAsync());
        var mine = await _host.CreateMerchantAsync("mtr", "Maison Tremblay");
        var theirs = await _host.CreateMerchantAsync("autre", "Autre commerce");
        await using (var db = _host.SystemDb())
        {
            foreach (var (merchant, name) in new[] { (mine.Id, "Hélène"), (theirs.Id, "Secret") })
            {
                var c = new Customer { MerchantId = merchant, AccountNumber = name, FirstName = name, LastName = "Client", Language = "fr", CreatedAt = DateTimeOffset.UtcNow };
                db.Customers.Add(c);
                db.Disclosures.Add(new Disclosure { Customer = c, MerchantId = merchant, At = DateTimeOffset.UtcNow.AddDays(-1), Recipient = $"Police de {name}", RecipientKind = "Legal process",
                    Categories = "Nom", Purpose = "Mandat", Country = "CA", IsLegalProcess = true, Notice = PersonNotice.Due });
            }
            await db.SaveChangesAsync();
        }
        UseApp(_host, await _host.CreateUserAsync("dpo@mtr.example", [Roles.PrivacyOfficer], mine.Id));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_officer_sees_their_merchants_notice_owed_and_not_the_others()
    {
        var cut = Render<NoticeTasksCard>();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=home-notices-count]").TextContent.Trim()));
        var task = cut.Find("[data-testid=home-legal-notice]");
        Assert.Contains("Hélène Client", task.TextContent);
        Assert.Contains("to tell of a disclosure to Police de Hélène", task.TextContent);
        Assert.DoesNotContain("Secret", cut.Markup);
    }
}
