using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Admin;

public sealed class MerchantScopingTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private Merchant _a = null!, _b = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _a = await _host.CreateMerchantAsync("alpha", "Alpha Informatique");
        _b = await _host.CreateMerchantAsync("bravo", "Bravo Boutique");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Staff_of_merchant_A_see_only_merchant_A()
    {
        var userId = await _host.CreateUserAsync("rep@a.example", [Roles.SupportRep], _a.Id);
        await using var scope = _host.ActAs(userId);

        var merchants = await scope.ServiceProvider.GetRequiredService<MerchantService>().ListAsync();
        var me = await scope.ServiceProvider.GetRequiredService<CurrentStaff>().GetAsync();

        Assert.Equal(["Alpha Informatique"], merchants.Select(m => m.Name));
        Assert.Equal(["Alpha Informatique"], me.Merchants.Select(m => m.Name));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<MerchantService>().FindAsync(_b.Id));
    }

    [Fact]
    public async Task A_context_opened_for_staff_of_A_refuses_to_write_B()
    {
        var userId = await _host.CreateUserAsync("officer@a.example", [Roles.PrivacyOfficer], _a.Id);
        await using var scope = _host.ActAs(userId);
        await using var db = await scope.ServiceProvider.GetRequiredService<Db>().OpenAsync();

        // Even with the filter bypassed on read, a write outside the scope is refused at save.
        var b = await db.Merchants.IgnoreQueryFilters().SingleAsync(m => m.Id == _b.Id);
        b.Name = "Hijacked";
        await Assert.ThrowsAsync<MerchantScopeViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Switching_to_one_merchant_narrows_the_scope_and_ignores_foreign_ids()
    {
        var userId = await _host.CreateUserAsync("manager@ab.example", [Roles.Manager], _a.Id, _b.Id);
        await using (var scope = _host.ActAs(userId))
        {
            var staff = scope.ServiceProvider.GetRequiredService<CurrentStaff>();
            Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<MerchantService>().ListAsync()).Count);
            await staff.SelectMerchantAsync(_b.Id);
            Assert.Equal(["Bravo Boutique"], (await scope.ServiceProvider.GetRequiredService<MerchantService>().ListAsync()).Select(m => m.Name));
        }

        var onlyA = await _host.CreateUserAsync("rep2@a.example", [Roles.SupportRep], _a.Id);
        await using (var scope = _host.ActAs(onlyA))
        {
            await scope.ServiceProvider.GetRequiredService<CurrentStaff>().SelectMerchantAsync(_b.Id);
            var me = await scope.ServiceProvider.GetRequiredService<CurrentStaff>().GetAsync();
            Assert.Null(me.SelectedMerchantId);
            Assert.Equal([_a.Id], me.Scope.MerchantIds);
        }
    }

    [Fact]
    public async Task An_unscoped_context_sees_nothing()
    {
        var factory = _host.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>();
        await using var db = factory.CreateDbContext();
        Assert.Empty(await db.Merchants.ToListAsync());
    }

    [Fact]
    public async Task Only_an_admin_can_create_merchants()
    {
        var officer = await _host.CreateUserAsync("officer2@a.example", [Roles.PrivacyOfficer], _a.Id);
        await using var scope = _host.ActAs(officer);
        var input = new MerchantInput("charlie", "Charlie", null, null, "CA", "ON", "en", null, null, null, null);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<MerchantService>().CreateAsync(input));

        var admin = await _host.CreateUserAsync("admin@x.example", [Roles.Admin]);
        await using var adminScope = _host.ActAs(admin);
        var created = await adminScope.ServiceProvider.GetRequiredService<MerchantService>().CreateAsync(input);
        Assert.True(created.Succeeded);
    }
}
