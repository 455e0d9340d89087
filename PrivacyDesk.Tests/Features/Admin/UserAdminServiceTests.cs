using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Admin;

public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private string _admin = null!;
    private int _merchant;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _merchant = (await _host.CreateMerchantAsync("alpha", "Alpha")).Id;
        _admin = await _host.CreateUserAsync("admin@example.com", [Roles.Admin]);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var rep = await _host.CreateUserAsync("rep@example.com", [Roles.SupportRep], _merchant);
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var user = (await users.FindByIdAsync(rep))!;
        for (var i = 0; i < 4; i++) Assert.False((await signIn.CheckPasswordSignInAsync(user, "wrong-password", lockoutOnFailure: true)).IsLockedOut);
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "wrong-password", lockoutOnFailure: true)).IsLockedOut);
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "Correct-Horse-42", lockoutOnFailure: true)).IsLockedOut);
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase12345")]
    [InlineData("ALLUPPERCASE12345")]
    [InlineData("NoDigitsAtAllHere")]
    [InlineData("Aa1Aa1Aa1Aa1Aa1")]
    public async Task Weak_passwords_are_refused_with_a_reason(string password)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(new StaffUserInput("weak@example.com", "Weak", Cultures.English, [Roles.Admin], []), password, PrivacyDesk.Data.AuditActor.System);
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task Admins_cannot_lock_or_demote_themselves_and_other_roles_cannot_manage_users()
    {
        await using (var scope = _host.ActAs(_admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            Assert.False((await admin.SetLockedAsync(_admin, true)).Succeeded);
            Assert.False((await admin.UpdateAccessAsync(_admin, new StaffUserInput("admin@example.com", "Admin", Cultures.English, [Roles.Manager], [_merchant]))).Succeeded);
        }
        var manager = await _host.CreateUserAsync("manager@example.com", [Roles.Manager], _merchant);
        await using (var scope = _host.ActAs(manager))
        {
            var service = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ListAsync());
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ResetPasswordAsync(_admin, new Uri("http://localhost/")));
        }
    }

    [Fact]
    public async Task A_user_without_the_admin_role_needs_a_merchant()
    {
        await using var scope = _host.ActAs(_admin);
        var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateByAdminAsync(new StaffUserInput("rep2@example.com", "Rep", Cultures.French, [Roles.SupportRep], []), new Uri("http://localhost/"));
        Assert.False(result.Succeeded);
    }
}
