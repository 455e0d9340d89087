using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Every form post the app accepts checks an antiforgery token. Interactive pages post nothing over
/// HTTP (their events travel on the circuit), so the posts are the account forms and endpoints.
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class AntiforgeryTests(AppServer app)
{
    private const string Officer = "officer@demo.privacydesk.example";

    [Fact]
    public async Task Every_endpoint_that_accepts_a_post_validates_an_antiforgery_token()
    {
        var posts = (await RouteTable.LoadAsync()).Where(e => RouteTable.Methods(e).Any(m => m != "GET" && m != "HEAD")).ToList();
        Assert.Contains(posts, e => RouteTable.Pattern(e) == "account/logout");
        Assert.Contains(posts, e => RouteTable.Pattern(e) == "account/login");
        // The intake API is called by a merchant's web form server with an API key, never with our cookies.
        var unprotected = posts.Where(e => !RouteTable.Pattern(e).StartsWith("api/v1/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(RouteTable.Pattern).Distinct().ToList();
        Assert.True(unprotected.Count == 0, "Posts without antiforgery validation: " + string.Join(", ", unprotected));
    }

    [Theory]
    [InlineData("/account/logout")]
    [InlineData("/account/culture")]
    [InlineData("/account/change-password")]
    public async Task A_signed_in_post_without_the_token_is_refused_and_changes_nothing(string path)
    {
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, Officer, app.DemoPassword);
        // What a forged cross-site form would send: the user's cookies, no token.
        var response = await http.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en-CA", ["returnUrl"] = "/", ["_handler"] = "change-password",
            ["Input.Current"] = app.DemoPassword, ["Input.New"] = "Forged-Password-123", ["Input.Confirm"] = "Forged-Password-123",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync()} LOG {app.Log[^Math.Min(3000, app.Log.Length)..]}");

        // Still signed in, still in French, and the password still works.
        var page = await http.Client.GetAsync("/requests");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"fr\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await StaffHttp.SignInAsync(app.BaseUrl, Officer, app.DemoPassword);
    }

    [Fact]
    public async Task The_same_post_with_the_page_token_goes_through()
    {
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, Officer, app.DemoPassword);
        var token = await http.FormTokenAsync("/account/change-password");
        var response = await http.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")), "signed out by the real form post");
    }

    [Fact]
    public async Task Signing_out_a_tab_whose_session_already_ended_lands_on_the_sign_in_page()
    {
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, Officer, app.DemoPassword);
        var token = await http.FormTokenAsync("/account/change-password");
        await http.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        // The same tab's Sign out clicked again: its token belonged to a session that is over.
        var again = await http.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        // Nobody is signed in any more: the sign-in page, never a bare 400 or an error.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri(app.BaseUrl), again.Headers.Location!).AbsolutePath);
    }
}
