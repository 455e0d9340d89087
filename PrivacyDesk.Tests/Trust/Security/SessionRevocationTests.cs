using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Finding 3: a cookie saved before sign-out still answered 200, and a locked user's old cookie kept
/// opening admin pages, mail and exports for about 30 minutes. Each way a session ends is tried by
/// replaying the old cookie on a page, a download and the Blazor hub.
/// </summary>
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";
    private InProcessApp _app = null!;
    private string _adminId = "", _officerId = "";

    public async ValueTask InitializeAsync()
    {
        _app = await InProcessApp.StartAsync([]);
        var merchant = await _app.CreateMerchantAsync("laval", "Meubles Laval");
        _adminId = await _app.CreateStaffAsync("admin@laval.example", Password, [Roles.Admin]);
        _officerId = await _app.CreateStaffAsync("officer@laval.example", Password, [Roles.PrivacyOfficer], merchant.Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>What a thief, or a forgotten tab, does: the saved cookie, in a client of its own.</summary>
    private HttpClient Replaying(StaffHttp signedIn)
    {
        var jar = new CookieContainer();
        foreach (Cookie c in signedIn.Cookies.GetAllCookies()) jar.Add(c);
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = new Uri(_app.HttpUrl) };
    }

    private static async Task AssertEndedAsync(HttpClient replay, string how)
    {
        var page = await replay.GetAsync("/requests");
        var download = await replay.GetAsync("/reports/export?format=csv&from=2026-01-01&to=2026-12-31");
        var hub = await replay.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.True(StaffHttp.IsSentToLogin(page), $"after {how}, a page answered {(int)page.StatusCode} {page.Headers.Location}");
        Assert.True(StaffHttp.IsSentToLogin(download), $"after {how}, a download answered {(int)download.StatusCode} {download.Headers.Location}");
        Assert.True(StaffHttp.IsSentToLogin(hub), $"after {how}, the Blazor hub answered {(int)hub.StatusCode} {hub.Headers.Location}");
    }

    private async Task<(StaffHttp Http, HttpClient Replay)> SignedInOfficerAsync()
    {
        var http = await StaffHttp.SignInAsync(_app.HttpUrl, "officer@laval.example", Password);
        var replay = Replaying(http);
        // The control: the copied cookie works before the session is ended.
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/reports/export?format=csv&from=2026-01-01&to=2026-12-31")).StatusCode);
        return (http, replay);
    }

    [Fact]
    public async Task Sign_out_ends_the_saved_copy_of_the_cookie()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        var token = await http.FormTokenAsync("/account/change-password");
        var signOut = await http.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await AssertEndedAsync(replay, "sign-out");
    }

    [Fact]
    public async Task A_lock_by_an_admin_ends_the_session_at_once()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        await using (var scope = _app.ActAs(_adminId))
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetLockedAsync(_officerId, true)).Succeeded);
        await AssertEndedAsync(replay, "a lock");
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_ends_the_session_at_once()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        await using (var scope = _app.ActAs(_adminId))
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().ResetPasswordAsync(_officerId, new Uri(_app.HttpUrl + "/"))).Succeeded);
        await AssertEndedAsync(replay, "a password reset");
    }

    [Fact]
    public async Task A_change_of_roles_ends_the_session_at_once()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        await using (var scope = _app.ActAs(_adminId))
        {
            int merchantId;
            await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
                merchantId = await db.Merchants.Select(m => m.Id).SingleAsync();
            var changed = await scope.ServiceProvider.GetRequiredService<UserAdminService>().UpdateAccessAsync(_officerId,
                new StaffUserInput("officer@laval.example", "Officer", Cultures.English, [Roles.SupportRep], [merchantId]));
            Assert.True(changed.Succeeded, string.Join(" ", changed.Errors));
        }
        await AssertEndedAsync(replay, "a change of roles");
    }

    [Fact]
    public async Task Wrong_passwords_typed_by_someone_else_lock_sign_in_but_do_not_end_the_users_open_session()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        for (var i = 0; i < 6; i++)
            Assert.Null(await StaffHttpWrongPasswordAsync());
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(_officerId))!), "Identity's lockout applies to new sign-ins");
        }
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/requests")).StatusCode);
    }

    private async Task<string?> StaffHttpWrongPasswordAsync()
    {
        try { using var attacker = await StaffHttp.SignInAsync(_app.HttpUrl, "officer@laval.example", "Wrong-Horse-42"); return "signed in"; }
        catch (InvalidOperationException) { return null; }
    }

    [Fact]
    public async Task An_admin_cannot_reset_their_own_password_and_keeps_their_session_when_editing_their_own_access()
    {
        using var admin = await StaffHttp.SignInAsync(_app.HttpUrl, "admin@laval.example", Password);
        await using (var scope = _app.ActAs(_adminId))
        {
            var service = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            var reset = await service.ResetPasswordAsync(_adminId, new Uri(_app.HttpUrl + "/"));
            Assert.False(reset.Succeeded);
            int merchantId;
            await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
                merchantId = await db.Merchants.Select(m => m.Id).SingleAsync();
            Assert.True((await service.UpdateAccessAsync(_adminId, new StaffUserInput("admin@laval.example", "Admin", Cultures.English, [Roles.Admin], [merchantId]))).Succeeded);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/users")).StatusCode);
        using var again = await StaffHttp.SignInAsync(_app.HttpUrl, "admin@laval.example", Password); // the password is still theirs
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_the_one_that_changed_it()
    {
        var (http, replay) = await SignedInOfficerAsync();
        using var _ = http;
        var token = await http.FormTokenAsync("/account/change-password");
        var changed = await http.Client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["__RequestVerificationToken"] = token, ["Input.Current"] = Password, ["Input.New"] = "Brand-New-Secret-77",
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.Client.GetAsync("/requests")).StatusCode);
        await AssertEndedAsync(replay, "a password change in another session");
    }
}
