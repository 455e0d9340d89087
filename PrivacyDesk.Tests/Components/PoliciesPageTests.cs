using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Features.Notices.Pages;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>
/// The privacy officer's policies page, in French: a version recorded through the form (a bad field said on the field),
/// the campaign's preview with its count per language and its refusals, the confirmation with the count, and the
/// progress once started, with no second start offered.
/// </summary>
public sealed class PoliciesPageTests : ComponentTest, IAsyncLifetime
{
    private TestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = Own(await TestHost.CreateAsync());
        var merchant = await _host.CreateMerchantAsync("mtr", "Maison Tremblay");
        await using (var db = _host.SystemDb())
        {
            foreach (var (account, language) in new[] { ("MT-1", "fr"), ("MT-2", "fr"), ("MT-3", "en") })
            {
                var c = new Customer { MerchantId = merchant.Id, AccountNumber = account, FirstName = "Client", LastName = account, Language = language, CreatedAt = DateTimeOffset.UtcNow };
                c.ContactPoints.Add(new ContactPoint { MerchantId = merchant.Id, Kind = ContactKind.Email, Value = $"{account.ToLowerInvariant()}@example.ca", ValidFrom = c.CreatedAt });
                db.Customers.Add(c);
            }
            await db.SaveChangesAsync();
        }
        UseApp(_host, await _host.CreateUserAsync("dpo@mtr.example", [Roles.PrivacyOfficer], merchant.Id));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderProviders();
    }

    private static string FieldError(IRenderedComponent<PoliciesPage> cut, string name) =>
        cut.Find($"[name={name}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task An_officer_records_a_version_sees_who_it_would_reach_and_starts_its_notice_once()
    {
        UseCulture("fr-CA"); // here: a culture set in InitializeAsync does not flow back into the test
        var cut = Render<PoliciesPage>();
        cut.WaitForElement("[data-testid=new-policy]").Click();
        cut.WaitForElement("[data-testid=policy-form]");
        cut.Find("input[name=effectiveOn]").Change(DateTime.Today.AddDays(50).ToString("yyyy-MM-dd"));
        cut.Find("textarea[name=summaryFr]").Change("Nous conserverons vos commandes 7 ans.");
        cut.Find("[data-testid=policy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Nommez la version (p. ex. 2027-01).", FieldError(cut, "label")));

        cut.Find("input[name=label]").Change("2027-01");
        cut.Find("[data-testid=policy-form]").Submit();
        // Saved; the English reader has no summary in English yet: the preview says so and the button waits.
        cut.WaitForElement("[data-testid=policy-detail]");
        cut.WaitForAssertion(() => Assert.Contains("Joindrait 3 personnes", cut.Find("[data-testid=campaign-preview]").TextContent));
        Assert.Contains("1 client communique en anglais, et la version n’a pas de résumé en anglais.", cut.Find("[data-testid=campaign-problems]").TextContent);
        Assert.True(cut.Find("[data-testid=start-campaign]").HasAttribute("disabled"));

        cut.FindAll("button").First(b => b.TextContent.Contains("Modifier")).Click();
        cut.WaitForElement("textarea[name=summaryEn]").Change("We will keep your orders for 7 years.");
        cut.Find("[data-testid=policy-form]").Submit();
        // The panel is drawn again and reads its preview anew: wait for the button it enables, not only for the problems to go.
        cut.WaitForAssertion(() =>
        {
            Assert.False(cut.Find("[data-testid=start-campaign]").HasAttribute("disabled"));
            Assert.Empty(cut.FindAll("[data-testid=campaign-problems]"));
        });

        // Start: the confirmation gives the count; once started, the page offers no second start.
        await cut.InvokeAsync(() => cut.Find("[data-testid=start-campaign]").Click());
        var dialogs = Dialogs!;
        dialogs.WaitForAssertion(() => Assert.Contains("à 3 personnes", dialogs.Find("[data-testid=confirm-message]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-ok]").Click());
        cut.WaitForElement("[data-testid=campaign-progress]");
        cut.WaitForAssertion(() => Assert.Contains("Envoi en cours : 0 sur 3", cut.Find("[data-testid=campaign]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=stop-campaign]"));
        Assert.Empty(cut.FindAll("[data-testid=start-campaign]"));

        await using var db = _host.SystemDb();
        var campaign = await db.NoticeCampaigns.SingleAsync();
        Assert.Equal((3, CampaignStatus.Sending), (campaign.RecipientCount, campaign.Status));
        Assert.Equal(3, await db.CampaignRecipients.CountAsync());
    }
}
