using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices.Pages;
using PrivacyDesk.Features.Notices.Recipients;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>
/// The request page's recipients panel after a rectification: each recipient listed with what it received, a bad
/// address said on its field with nothing sent, then the notice sent once and the row showing it; a waiver needs its reason.
/// </summary>
public sealed class RecipientsPanelTests : ComponentTest, IAsyncLifetime
{
    private TestHost _host = null!;
    private PrivacyRequest _request = null!;

    public async ValueTask InitializeAsync()
    {
        _host = Own(await TestHost.CreateAsync());
        var merchant = await _host.CreateMerchantAsync("mtr", "Maison Tremblay");
        var officer = await _host.CreateUserAsync("dpo@mtr.example", [Roles.PrivacyOfficer], merchant.Id);
        int customer;
        await using (var db = _host.SystemDb())
        {
            var c = new Customer { MerchantId = merchant.Id, AccountNumber = "MT-1", FirstName = "Hélène", LastName = "Tremblay", Language = "en", CreatedAt = DateTimeOffset.UtcNow };
            c.ContactPoints.Add(new ContactPoint { MerchantId = merchant.Id, Kind = ContactKind.Email, Value = "helene@example.ca", ValidFrom = c.CreatedAt });
            db.Customers.Add(c);
            db.Disclosures.Add(new Disclosure { Customer = c, MerchantId = merchant.Id, At = DateTimeOffset.UtcNow.AddDays(-9), Recipient = "Global Payments", RecipientKind = "Processor",
                Categories = "Name, email", Purpose = "Payment", Country = "US" });
            await db.SaveChangesAsync();
            customer = c.Id;
        }
        await using (var scope = _host.ActAs(officer))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var request = await workflow.LogAsync(new NewRequest(merchant.Id, [RequestType.Rectification], RequestChannel.Email, "en", "Hélène Tremblay", "helene@example.ca"));
            _request = (await workflow.LinkCustomerAsync(request.Id, request.Version, customer)).Request!;
            var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(customer))!;
            Assert.True((await scope.ServiceProvider.GetRequiredService<CustomerActions>()
                .RectifyAsync(customer, profile.Customer.Version, _request.Id, RectifiableField.Email, "helene.t@example.ca")).Succeeded);
        }
        UseApp(_host, officer);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderProviders();
    }

    private IRenderedComponent<RecipientsPanel> Row(string recipient, out AngleSharp.Dom.IElement row)
    {
        var cut = Render<RecipientsPanel>(p => p.Add(x => x.Request, _request));
        cut.WaitForElement("[data-testid=recipients]");
        row = cut.Find($"tr[data-recipient='{recipient}']");
        return cut;
    }

    [Fact]
    public async Task A_recipient_is_told_once_after_a_bad_address_is_refused_on_its_field()
    {
        var cut = Row("Global Payments", out var row);
        Assert.Contains("Name, email", row.TextContent);
        Assert.Contains("To tell", row.QuerySelector("[data-testid=recipient-status]")!.TextContent);

        row.QuerySelector("[data-testid=tell-recipient]")!.Click();
        // The officer reads the notice word for word before it goes: the person, the old and the new address.
        var preview = cut.WaitForElement("[data-testid=recipient-preview]").TextContent;
        Assert.Contains("At the request of Hélène Tremblay (customer MT-1), we have corrected", preview);
        Assert.Contains("Email: helene@example.ca → helene.t@example.ca", preview);
        cut.WaitForElement("[data-testid=recipient-form] input[name=email]").Change("privacy@");
        cut.Find("[data-testid=recipient-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("mud-input-error", cut.Find("input[name=email]").Closest(".mud-input-control")!.InnerHtml));
        await using (var db = _host.SystemDb()) Assert.Equal(0, await db.Outbox.CountAsync(o => o.ToAddress.StartsWith("privacy@")));

        cut.Find("input[name=email]").Change("privacy@globalpay.example");
        var form = cut.Find("[data-testid=recipient-form]");
        var first = cut.InvokeAsync(() => form.Submit());
        await cut.InvokeAsync(() => { if (cut.FindAll("[data-testid=recipient-form]").Count > 0) cut.Find("[data-testid=recipient-form]").Submit(); });
        await first;
        cut.WaitForAssertion(() => Assert.Contains("Emailed on", cut.Find("tr[data-recipient='Global Payments'] [data-testid=recipient-status]").TextContent));
        await using var check = _host.SystemDb();
        Assert.Equal(1, await check.Outbox.CountAsync(o => o.ToAddress == "privacy@globalpay.example"));
    }

    [Fact]
    public void Cannot_be_told_needs_its_reason()
    {
        var cut = Row("Global Payments", out var row);
        row.QuerySelector("[data-testid=waive-recipient]")!.Click();
        cut.WaitForElement("[data-testid=recipient-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Say why this recipient cannot be told", cut.Find("[data-testid=recipient-form]").TextContent));
        cut.Find("textarea[name=note]").Change("The processor closed its Canadian office; no address is known.");
        cut.Find("[data-testid=recipient-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Not told: The processor closed", cut.Find("tr[data-recipient='Global Payments'] [data-testid=recipient-status]").TextContent));
    }
}
