using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Customers;

namespace PrivacyDesk.Features.Documents;

/// <summary>Everything held on one person, uncapped (the customer page shows the latest 500 log lines; a response must show all).</summary>
public static class CustomerDataLoader
{
    public static async Task<CustomerProfile?> LoadAsync(PrivacyDeskDbContext ctx, int customerId, CancellationToken ct)
    {
        var customer = await ctx.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return null;
        var inventory = await ctx.DataInventory.AsNoTracking().Where(e => e.MerchantId == customer.MerchantId).ToListAsync(ct);
        if (inventory.Count == 0)
            inventory = Customers.Inventory.InventoryDefaults.For(await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == customer.MerchantId, ct)).ToList();
        return new CustomerProfile(
            customer,
            await ctx.ContactPoints.AsNoTracking().Where(p => p.CustomerId == customerId).OrderBy(p => p.Kind).ThenByDescending(p => p.ValidFrom).ToListAsync(ct),
            await ctx.Consents.AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.At).ToListAsync(ct),
            await ctx.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.ActivityLogs.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.Communications.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.Disclosures.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.OtherRecords.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            await ctx.ThirdPartyPeople.AsNoTracking().Where(o => o.ReferredByCustomerId == customerId).ToListAsync(ct),
            await ctx.CustomerChanges.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.At).ToListAsync(ct),
            [],
            inventory.OrderBy(e => e.Category).ToList());
    }
}
