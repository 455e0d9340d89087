using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// A plain HTTP client signed in as a staff member through the real login form (its antiforgery
/// token included), for checking what pages and endpoints answer to a given role without a browser.
/// Redirects are not followed, so a refusal is seen as it is sent.
/// </summary>
public sealed partial class StaffHttp : IDisposable
{
    public HttpClient Client { get; }
    public CookieContainer Cookies { get; } = new();

    /// <summary>The answer to the password step, for tests that look at the cookies it set.</summary>
    public HttpResponseMessage? SignInResponse { get; private set; }

    /// <param name="trust">For HTTPS with a test certificate: trust exactly this one.</param>
    private StaffHttp(string baseUrl, X509Certificate2? trust)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true };
        if (trust is not null) handler.ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == trust.Thumbprint;
        Client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    public static async Task<StaffHttp> SignInAsync(string baseUrl, string email, string password, X509Certificate2? trust = null)
    {
        var http = new StaffHttp(baseUrl, trust);
        var response = await http.PostPasswordAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || http.Cookies.GetCookies(http.Client.BaseAddress!)["PrivacyDesk.Auth"] is null)
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>Signs in with the password, then the authenticator code on the second step.</summary>
    public static async Task<StaffHttp> SignInWithCodeAsync(string baseUrl, string email, string password, string code)
    {
        var http = new StaffHttp(baseUrl, null);
        var first = await http.PostPasswordAsync(email, password);
        var next = first.Headers.Location?.ToString() ?? "";
        if (!next.Contains("account/two-factor", StringComparison.Ordinal))
            throw new InvalidOperationException($"Expected the code step after the password; got {(int)first.StatusCode} {next}");
        var codeToken = await http.FormTokenAsync(next);
        var second = await http.Client.PostAsync(next, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "two-factor", ["__RequestVerificationToken"] = codeToken, ["Input.Code"] = code,
        }));
        if (second.StatusCode != HttpStatusCode.Redirect || http.Cookies.GetCookies(http.Client.BaseAddress!)["PrivacyDesk.Auth"] is null)
            throw new InvalidOperationException($"The code step answered {(int)second.StatusCode}: {await second.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>The login form, posted as a browser does (with the page's antiforgery token).</summary>
    private async Task<HttpResponseMessage> PostPasswordAsync(string email, string password)
    {
        var token = await FormTokenAsync("/account/login");
        return SignInResponse = await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    /// <summary>True when the app refused the signed-in user (403, or the redirect to the access-denied page).</summary>
    public static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied", StringComparison.Ordinal));

    public static bool IsSentToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal));

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
