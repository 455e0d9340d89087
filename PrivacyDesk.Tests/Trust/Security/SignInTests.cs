using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Findings 4 and 6: the login told which accounts exist (a locked account said so; a real account
/// took 44 ms, an unknown one 2.5 ms), anyone could try passwords at speed, a TOTP code worked in two
/// sessions, and a return URL trimmed after its check sent people to another site.
/// </summary>
public sealed partial class SignInTests
{
    private const string Password = "Correct-Horse-42";

    /// <summary>Identity's own hasher, counting the checks it is asked for: "the same work" made visible.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        public int Verifications;
        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <param name="trailingSlash">"/account/login/", which routing also matches: the limit must hold there too.</param>
    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null, bool trailingSlash = false)
    {
        var html = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var login = trailingSlash ? "/account/login/" : "/account/login";
        var path = returnUrl is null ? login : login + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    private static HttpClient Client(InProcessApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.HttpUrl) };

    private static string Alert(string html) => WebUtility.HtmlDecode(AlertText().Match(html).Groups[1].Value.Trim());

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_answer_after_the_same_work()
    {
        var hasher = new CountingHasher();
        await using var app = await InProcessApp.StartAsync([], services: s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher));
        await app.CreateStaffAsync("real@laval.example", Password, [Roles.Admin]);
        await app.CreateStaffAsync("locked@laval.example", Password, [Roles.Admin]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("locked@laval.example"))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        using var client = Client(app);

        var answers = new List<(string Case, HttpStatusCode Status, string Alert, int Work)>();
        foreach (var (name, email, password) in new[] { ("unknown", "nobody@laval.example", Password), ("wrong", "real@laval.example", "Wrong-Horse-42"), ("locked", "locked@laval.example", Password) })
        {
            var before = hasher.Verifications;
            var response = await PostLoginAsync(client, email, password);
            answers.Add((name, response.StatusCode, Alert(await response.Content.ReadAsStringAsync()), hasher.Verifications - before));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Equal(1, a.Work));
        Assert.Single(answers.Select(a => a.Alert).Distinct());
        Assert.NotEmpty(answers[0].Alert);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var app = await InProcessApp.StartAsync(["Security:SignInAttemptsPerMinute=3"]);
        await app.CreateAdminAsync("admin@laval.example", Password); // with no user at all the login page sends to setup
        using var client = Client(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await PostLoginAsync(client, "nobody@laval.example", "Wrong-Horse-42", trailingSlash: i >= 3)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // Pages are not limited: the form still opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_however_many_sessions_present_it()
    {
        await using var app = await InProcessApp.StartAsync([]);
        await app.CreateStaffAsync("totp@laval.example", Password, [Roles.Admin]);
        var code = Totp.Code(await app.EnableTwoFactorAsync("totp@laval.example"));
        using var first = await StaffHttp.SignInWithCodeAsync(app.HttpUrl, "totp@laval.example", Password, code);
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => StaffHttp.SignInWithCodeAsync(app.HttpUrl, "totp@laval.example", Password, code));
        Assert.Contains("The code step answered 200", second.Message);
    }

    [Theory]
    [InlineData("/~\\/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%5C%5Cevil.example")]
    [InlineData("/\u202E/evil.example")]
    public async Task A_return_url_that_leaves_the_site_sends_to_the_home_page(string returnUrl)
    {
        await using var app = await InProcessApp.StartAsync([]);
        await app.CreateStaffAsync("admin@laval.example", Password, [Roles.Admin]);
        using var client = Client(app);
        var response = await PostLoginAsync(client, "admin@laval.example", Password, returnUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        // As a browser reads it: backslashes are slashes, tabs and newlines are dropped.
        var asBrowserReads = location.Replace('\\', '/').Replace("\t", "").Replace("\n", "").Replace("\r", "");
        var target = new Uri(new Uri(app.HttpUrl), asBrowserReads);
        Assert.Equal(new Uri(app.HttpUrl).Authority, target.Authority);
        Assert.DoesNotContain("evil.example/", target.AbsolutePath.Replace("%5C", "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_url_on_the_site_is_kept_as_given()
    {
        await using var app = await InProcessApp.StartAsync([]);
        await app.CreateStaffAsync("admin@laval.example", Password, [Roles.Admin]);
        using var client = Client(app);
        var response = await PostLoginAsync(client, "admin@laval.example", Password, "/requests?status=open");
        Assert.Equal("/requests?status=open", new Uri(new Uri(app.HttpUrl), response.Headers.Location!).PathAndQuery);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("role=\"alert\">([^<]*)<")]
    private static partial Regex AlertText();
}
