using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Findings 7 to 12: CSV formulas after ';', API fields without caps, an API key outliving its
/// merchant, a manager refused a page yet served its files, names that read backwards, a forged
/// Host, an open CSP, a chatty /health, an audit saying "exported" for a refused export.
/// </summary>
public sealed class ApiAndExportTests
{
    private const string Password = "Correct-Horse-42";

    private static HttpClient ApiClient(InProcessApp app, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.HttpUrl) };
        http.DefaultRequestHeaders.Add(RequestApi.KeyHeader, key);
        return http;
    }

    private static async Task<string> KeyAsync(InProcessApp app, int merchantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(merchantId, "form", AuditActor.System)).Secret;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string ValidBody = """{"type":"access","language":"fr","requester":{"name":"Jeanne Roy","email":"jeanne@example.ca"},"message":"Copie de mes données"}""";

    [Theory]
    [InlineData("x;=1+1", "\"x;'=1+1\"")]
    [InlineData("a,@SUM(1)", "\"a,'@SUM(1)\"")]
    [InlineData("a\t-2+3", "\"a\t'-2+3\"")]
    [InlineData("x; =HYPERLINK(1)", "\"x; '=HYPERLINK(1)\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("Roy; Jeanne", "\"Roy; Jeanne\"")]
    public void Csv_cells_are_quoted_on_any_list_separator_and_formulas_after_one_neutralised(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public async Task The_api_caps_every_field_answers_413_for_a_huge_body_and_hides_the_parsers_internals()
    {
        await using var app = await InProcessApp.StartAsync([]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        using var http = ApiClient(app, await KeyAsync(app, merchant.Id));

        var huge = await http.PostAsync("/api/v1/requests", Json("{\"message\":\"" + new string('x', 25 * 1024 * 1024) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var longFields = await http.PostAsync("/api/v1/requests", Json($$$"""{"type":"access","language":"fr","subject":"{{{new string('s', 600)}}}","requester":{"name":"Jeanne","email":"jeanne@example.ca","phone":"{{{new string('5', 100)}}}","postalAddress":"{{{new string('a', 900)}}}"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, longFields.StatusCode);
        var problem = await longFields.Content.ReadAsStringAsync();
        foreach (var field in new[] { "subject", "requester.phone", "requester.postalAddress" }) Assert.Contains($"\"{field}\"", problem);

        var malformed = await http.PostAsync("/api/v1/requests", Json("{\"type\": \"access\", \"requester\": {\"name\": 5}}"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var text = await malformed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Path:", text);
        Assert.Contains("not valid JSON", text);

        await using var db = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task The_api_is_rate_limited_per_key()
    {
        await using var app = await InProcessApp.StartAsync(["Security:ApiRequestsPerMinute=3"]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        using var http = ApiClient(app, await KeyAsync(app, merchant.Id));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await http.PostAsync("/api/v1/requests", Json(ValidBody))).StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Made_up_keys_from_one_address_are_rate_limited_too()
    {
        await using var app = await InProcessApp.StartAsync(["Security:ApiRequestsPerMinute=2"]);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var http = ApiClient(app, "pdk_" + Guid.NewGuid().ToString("N"));
            statuses.Add((await http.PostAsync("/api/v1/requests", Json(ValidBody))).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task An_api_key_of_a_deactivated_merchant_is_refused()
    {
        await using var app = await InProcessApp.StartAsync([]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        using var http = ApiClient(app, await KeyAsync(app, merchant.Id));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/requests", Json(ValidBody))).StatusCode);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
            await db.Merchants.Where(m => m.Id == merchant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/v1/requests", Json(ValidBody))).StatusCode);
    }

    [Fact]
    public async Task A_manager_opens_an_email_request_without_its_content_and_cannot_download_its_files()
    {
        await using var app = await InProcessApp.StartAsync([]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        await app.CreateStaffAsync("manager@laval.example", Password, [Roles.Manager], merchant.Id);
        await app.CreateStaffAsync("officer@laval.example", Password, [Roles.PrivacyOfficer], merchant.Id);
        var raw = Encoding.UTF8.GetBytes("From: Jeanne <jeanne@example.ca>\r\nSubject: Acces\r\nMessage-ID: <m1@example.ca>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJe veux une copie de mes renseignements personnels, secret-body-42.\r\n" +
            "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"\u202Egnp.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n");
        var opened = await app.Services.GetRequiredService<MailIntake>().IngestAsync(merchant.Id, raw, "test", null, AuditActor.System);
        long attachmentId, inboundId = opened.InboundId;
        string storedName;
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
        {
            // An anonymous type, not a tuple: PostgreSQL's provider reads a tuple as a ROW value.
            var stored = await db.RequestAttachments.Select(a => new { a.Id, a.FileName }).SingleAsync();
            (attachmentId, storedName) = (stored.Id, stored.FileName);
        }
        // Finding 11: the right-to-left override is gone from the stored name.
        Assert.Equal("gnp.exe", storedName);

        using var manager = await StaffHttp.SignInAsync(app.HttpUrl, "manager@laval.example", Password);
        var page = await manager.Client.GetAsync($"/requests/{opened.RequestId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(opened.Reference!, html);
        Assert.True(!html.Contains("secret-body-42"), html[Math.Max(0, html.IndexOf("secret-body-42") - 600)..Math.Min(html.Length, html.IndexOf("secret-body-42") + 100)]);
        Assert.DoesNotContain("data-testid=\"mail-panel\"", html);
        Assert.True(StaffHttp.IsDenied(await manager.Client.GetAsync($"/requests/{opened.RequestId}/attachments/{attachmentId}")));
        Assert.True(StaffHttp.IsDenied(await manager.Client.GetAsync($"/mail/{inboundId}/html")));

        using var officer = await StaffHttp.SignInAsync(app.HttpUrl, "officer@laval.example", Password);
        var file = await officer.Client.GetAsync($"/requests/{opened.RequestId}/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.DoesNotContain("\u202E", file.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Contains("secret-body-42", await (await officer.Client.GetAsync($"/requests/{opened.RequestId}")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\u202Egnp.exe", "gnp.exe")]
    [InlineData("in\u200Bvoice.pdf", "invoice.pdf")]
    [InlineData("..\\..\\etc/passwd", "passwd")]
    [InlineData("\u2066report\u2069.pdf", "report.pdf")]

    public void File_names_lose_format_characters_and_folders(string given, string expected) => Assert.Equal(expected, FileNames.Safe(given));

    [Fact]
    public void A_long_file_name_is_shortened_keeping_its_extension_and_whole_characters()
    {
        var name = FileNames.Safe(new string('é', 100) + "\U0001F600" + new string('x', 100) + ".pdf")!;
        Assert.True(name.Length <= FileNames.MaxLength);
        Assert.EndsWith(".pdf", name);
        Assert.False(char.IsHighSurrogate(name[^5]), "a surrogate pair was cut in two");
        var cutInPair = FileNames.Safe(new string('a', 145) + "\U0001F600\U0001F600.pdf")!;
        Assert.False(cutInPair.Any(c => char.IsSurrogate(c)) && cutInPair.Count(char.IsSurrogate) % 2 == 1);
    }

    [Fact]
    public async Task A_forged_host_is_refused_the_csp_keeps_connections_home_and_health_tells_outsiders_only_the_verdict()
    {
        await using var app = await InProcessApp.StartAsync(["AllowedHosts=127.0.0.1;localhost"]);
        await app.CreateAdminAsync("admin@laval.example", Password);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.HttpUrl) };

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.SendAsync(forged)).StatusCode);

        var login = await anonymous.GetAsync("/account/login");
        var csp = string.Join(", ", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self';", csp);
        Assert.DoesNotContain("ws:", csp);

        var outside = await anonymous.GetStringAsync("/health");
        Assert.Equal("{\"status\":\"Healthy\"}", outside);
        using var admin = await StaffHttp.SignInAsync(app.HttpUrl, "admin@laval.example", Password);
        Assert.Contains("\"checks\"", await admin.Client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task A_refused_register_export_writes_no_audit_record()
    {
        await using var app = await InProcessApp.StartAsync([]);
        var merchant = await app.CreateMerchantAsync("laval", "Meubles Laval");
        await app.CreateStaffAsync("manager@laval.example", Password, [Roles.Manager], merchant.Id);
        using var manager = await StaffHttp.SignInAsync(app.HttpUrl, "manager@laval.example", Password);

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.Client.GetAsync("/incidents/register?format=xls")).StatusCode);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "incident.register-exported"));
        Assert.Equal(HttpStatusCode.OK, (await manager.Client.GetAsync("/incidents/register?format=csv")).StatusCode);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "incident.register-exported"));
    }
}
