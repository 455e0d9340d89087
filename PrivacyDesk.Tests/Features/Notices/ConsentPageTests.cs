using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>
/// Seed 002: no substantial lowering of protection "without notifying you and obtaining your consent". The notice of
/// such a change carries the person's own link; over HTTP, as a browser without any staff cookie, the page speaks the
/// person's language, records the answer (once per click, changeable), and an unknown link opens nothing.
/// </summary>
public sealed partial class ConsentPageTests : IAsyncLifetime
{
    private InProcessApp _app = null!;
    private string _officer = "";
    private int _merchant;

    public async ValueTask InitializeAsync()
    {
        _app = await InProcessApp.StartAsync(["Mail:PollSeconds=3600", $"Portal:PublicUrl=https://privacy.example.com/"]);
        _merchant = (await _app.CreateMerchantAsync("minididou", "Minididou")).Id;
        _officer = await _app.CreateStaffAsync("dpo@minididou.example", "Correct-Horse-42", [Roles.PrivacyOfficer], _merchant);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private PrivacyDeskDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext();

    [GeneratedRegex(@"https://privacy\.example\.com/portal/consent/([A-Za-z0-9_-]{43})")]
    private static partial Regex ConsentLink();

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient http, string path, string answer)
    {
        var html = await http.GetStringAsync(path);
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        return await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "consent", ["__RequestVerificationToken"] = token, ["Answer"] = answer }));
    }

    [Theory]
    [InlineData("fr", "Votre consentement à une modification de notre politique de confidentialité", "Votre consentement a été enregistré le", "Votre refus a été enregistré le")]
    [InlineData("en", "Your consent to a change in our privacy policy", "Your consent was recorded on", "Your refusal was recorded on")]
    public async Task The_person_answers_through_their_own_link_in_their_language(string language, string title, string given, string refused)
    {
        int customer;
        await using (var db = Db())
        {
            var c = new Customer { MerchantId = _merchant, AccountNumber = "MD-1", FirstName = "Zoé", LastName = "Martin", Language = language, CreatedAt = DateTimeOffset.UtcNow };
            c.ContactPoints.Add(new ContactPoint { MerchantId = _merchant, Kind = ContactKind.Email, Value = "zoe@example.fr", ValidFrom = c.CreatedAt });
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            customer = c.Id;
        }
        await using (var scope = _app.ActAs(_officer))
        {
            var saved = await scope.ServiceProvider.GetRequiredService<PolicyService>().SaveAsync(null, null, new PolicyInput
            {
                MerchantId = _merchant, Label = "2027-02", EffectiveOn = DateTime.Today.AddDays(40), LowersProtection = true,
                SummaryFr = "Nous partagerions votre adresse courriel avec nos transporteurs.", SummaryEn = "We would share your email address with our carriers.",
            });
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().StartAsync(saved.Id!.Value, CampaignAudience.AccountHolders, 0)).Ok);
        }
        Assert.Equal(1, await _app.Services.GetRequiredService<CampaignDispatcher>().DispatchAsync(CancellationToken.None));
        string body;
        await using (var db = Db()) body = (await db.Outbox.SingleAsync()).BodyText;
        var link = ConsentLink().Match(body);
        Assert.True(link.Success, body);
        var path = $"/portal/consent/{link.Groups[1].Value}";

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_app.HttpUrl) };
        var page = WebUtility.HtmlDecode(await http.GetStringAsync(path)); // Blazor writes accents as character references
        Assert.Contains(title, page);
        Assert.Contains(language == "fr" ? "Nous partagerions votre adresse courriel" : "We would share your email address", page);
        Assert.DoesNotContain(language == "fr" ? "We would share" : "Nous partagerions", page);

        var answered = await AnswerAsync(http, path, "given");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains(given, WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync()));
        await AnswerAsync(http, path, "given"); // the same answer again records nothing new
        var changed = await AnswerAsync(http, path, "refused");
        Assert.Contains(refused, WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()));

        await using (var db = Db())
        {
            var record = await db.CampaignRecipients.SingleAsync(r => r.CustomerId == customer);
            Assert.Equal(ConsentAnswer.Refused, record.Consent);
            Assert.NotNull(record.ConsentAt);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "campaign.consent-given"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "campaign.consent-refused"));
        }

        // A made-up link, of the right shape or not, opens the same page that says nothing.
        foreach (var wrong in new[] { "/portal/consent/" + new string('A', 43), "/portal/consent/nope" })
        {
            var invalid = await http.GetStringAsync(wrong);
            Assert.Contains("consent-invalid", invalid);
            Assert.DoesNotContain("Minididou", invalid);
        }
    }
}
