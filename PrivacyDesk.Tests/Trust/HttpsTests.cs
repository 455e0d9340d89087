using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// With Security:RequireHttps the app, served by Kestrel on real HTTP and HTTPS ports, sends people
/// from HTTP to HTTPS, sends HSTS, and marks its sign-in cookie Secure; behind a proxy only the
/// configured proxy may say a request came over HTTPS.
/// </summary>
public sealed class HttpsTests
{
    private const string PublicHost = "privacy.example.com"; // HSTS is never sent for localhost names

    private sealed record Server(InProcessApp App, X509Certificate2 Certificate) : IAsyncDisposable
    {
        public int HttpPort => App.HttpPort;
        public int HttpsPort => App.HttpsPort!.Value;
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static async Task<Server> StartAsync(params string[] settings)
    {
        var certificate = SelfSigned();
        return new Server(await InProcessApp.StartAsync(["Security:RequireHttps=true", .. settings], certificate), certificate);
    }

    private static HttpClient Client(Server server) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // Trust exactly the certificate this test made, nothing else.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == server.Certificate.Thumbprint,
        });

    private static HttpRequestMessage Get(string url, string? host = PublicHost)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (host is not null) request.Headers.Host = host;
        return request;
    }

    [Fact]
    public async Task Http_is_sent_to_https_which_answers_with_hsts()
    {
        await using var server = await StartAsync();
        using var http = Client(server);

        var plain = await http.SendAsync(Get($"http://127.0.0.1:{server.HttpPort}/account/login?x=1"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal($"https://{PublicHost}:{server.HttpsPort}/account/login?x=1", plain.Headers.Location!.ToString());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP");

        var secure = await http.SendAsync(Get($"https://127.0.0.1:{server.HttpsPort}/account/login"));
        Assert.NotEqual(HttpStatusCode.TemporaryRedirect, secure.StatusCode);
        var hsts = secure.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Equal("max-age=31536000", hsts);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_only_http_only_and_same_site_strict()
    {
        await using var server = await StartAsync();
        await server.App.CreateAdminAsync("admin@https.example", "Correct-Horse-42");
        using var http = await StaffHttp.SignInAsync($"https://localhost:{server.HttpsPort}", "admin@https.example", "Correct-Horse-42", trust: server.Certificate);
        var response = http.SignInResponse!;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PrivacyDesk.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", auth);
        Assert.Contains("; httponly", auth);
        Assert.Contains("; samesite=strict", auth);
    }

    [Fact]
    public async Task Only_a_trusted_proxy_can_say_the_request_came_over_https()
    {
        await using (var trusting = await StartAsync("Security:TrustedProxies:0=127.0.0.1"))
        {
            using var http = Client(trusting);
            var viaProxy = Get($"http://127.0.0.1:{trusting.HttpPort}/account/login");
            viaProxy.Headers.Add("X-Forwarded-Proto", "https");
            var answered = await http.SendAsync(viaProxy);
            Assert.NotEqual(HttpStatusCode.TemporaryRedirect, answered.StatusCode);
            Assert.True(answered.Headers.Contains("Strict-Transport-Security"), "the proxy's HTTPS request gets HSTS");
        }

        await using var untrusting = await StartAsync();
        using var client = Client(untrusting);
        var forged = Get($"http://127.0.0.1:{untrusting.HttpPort}/account/login");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, refused.StatusCode);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddDnsName(PublicHost);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Through PKCS#12 so that Kestrel gets a certificate whose private key it can use on Linux.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }
}
