using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Customers;

public sealed class InventoryServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private int _merchant;
    private string _admin = null!, _officer = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _merchant = (await _host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null)).Id;
        _admin = await _host.CreateUserAsync("admin@example.com", [Roles.Admin]);
        _officer = await _host.CreateUserAsync("dpo@example.com", [Roles.PrivacyOfficer], _merchant);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_french_merchant_starts_with_eu_hosting_13_month_cookies_and_10_year_invoices()
    {
        await using var scope = _host.ActAs(_officer);
        var entries = await scope.ServiceProvider.GetRequiredService<InventoryService>().ListAsync(_merchant);
        Assert.Equal(Enum.GetValues<DataCategory>().Length, entries.Count);
        Assert.All(entries, e => Assert.Contains("EU", e.Countries));
        Assert.Equal(13, entries.Single(e => e.Category == DataCategory.Preferences).RetentionMonths);
        var orders = entries.Single(e => e.Category == DataCategory.Orders);
        Assert.Equal((ErasureAction.KeepUnderLegalHold, 120), (orders.OnErasure, orders.RetentionMonths));
    }

    [Fact]
    public async Task Only_an_admin_edits_a_hold_needs_its_reason_and_each_edit_is_audited()
    {
        DataInventoryEntry logs;
        await using (var scope = _host.ActAs(_officer))
        {
            var service = scope.ServiceProvider.GetRequiredService<InventoryService>();
            logs = (await service.ListAsync(_merchant)).Single(e => e.Category == DataCategory.DeviceAndLogs);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.UpdateAsync(logs));
        }
        await using (var scope = _host.ActAs(_admin))
        {
            var service = scope.ServiceProvider.GetRequiredService<InventoryService>();
            logs.OnErasure = ErasureAction.KeepUnderLegalHold;
            logs.LegalHoldReasonEn = logs.LegalHoldReasonFr = null;
            Assert.False((await service.UpdateAsync(logs)).Ok);
            logs.OnErasure = ErasureAction.Delete;
            logs.RetentionMonths = 6;
            logs.RetentionEn = "6 months";
            logs.RetentionFr = "6 mois";
            var (ok, error) = await service.UpdateAsync(logs);
            Assert.True(ok, error);
            Assert.False((await service.UpdateAsync(logs)).Ok); // same stale version a second time
            Assert.Equal(6, (await service.ListAsync(_merchant)).Single(e => e.Category == DataCategory.DeviceAndLogs).RetentionMonths);
        }
        await using var db = _host.SystemDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "inventory.updated"));
    }
}
