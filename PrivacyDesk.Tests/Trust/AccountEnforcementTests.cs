using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// What the account rules hold to over a session's life, on real HTTP against the running pipeline:
/// a forced password change cannot be walked around, and a second factor once given is not asked
/// again when the session is re-validated in the background.
/// </summary>
public sealed class AccountEnforcementTests
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task A_user_whose_password_was_reset_can_go_nowhere_but_the_change_page_until_it_is_changed()
    {
        await using var app = await InProcessApp.StartAsync([]);
        await app.CreateAdminAsync("admin@reset.example", Password);
        string temporary;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync("admin@reset.example"))!;
            // What the admin's "reset password" does: a one-time password that must be changed.
            temporary = UserAdminService.GeneratePassword();
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, temporary);
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
        }

        using var http = await StaffHttp.SignInAsync(app.HttpUrl, "admin@reset.example", temporary);
        foreach (var path in new[] { "/requests", "/admin/users", "/customers", "/reports/export?format=csv&from=2026-01-01&to=2026-12-31", "/_blazor/negotiate?negotiateVersion=1" })
        {
            var response = path.StartsWith("/_blazor", StringComparison.Ordinal) ? await http.Client.PostAsync(path, null) : await http.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().EndsWith("/account/change-password", StringComparison.Ordinal),
                $"{path} answered {(int)response.StatusCode} {response.Headers.Location} before the password was changed");
        }

        var token = await http.FormTokenAsync("/account/change-password");
        var changed = await http.Client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["__RequestVerificationToken"] = token, ["Input.Current"] = temporary, ["Input.New"] = "Brand-New-Secret-77",
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.Client.GetAsync("/requests")).StatusCode);
    }

    [Fact]
    public async Task An_enrolled_officer_is_not_sent_back_to_enrolment_when_the_session_is_revalidated()
    {
        var clock = new ShiftedClock();
        await using var app = await InProcessApp.StartAsync(["Security:RequireTwoFactor=true", "Security:SessionIdleMinutes=120"],
            services: s => s.AddSingleton<TimeProvider>(clock));
        await app.CreateAdminAsync("admin@totp.example", Password);
        var key = await app.EnableTwoFactorAsync("admin@totp.example");

        using var http = await StaffHttp.SignInWithCodeAsync(app.HttpUrl, "admin@totp.example", Password, Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, (await http.Client.GetAsync("/requests")).StatusCode);
        // Identity re-reads the user every 30 minutes and rebuilds the session's claims.
        clock.Offset = TimeSpan.FromMinutes(45);
        var later = await http.Client.GetAsync("/requests");
        Assert.True(later.StatusCode == HttpStatusCode.OK, $"after re-validation: {(int)later.StatusCode} {later.Headers.Location}");
    }
}
