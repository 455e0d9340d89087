using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Data;

/// <summary>
/// Opens short-lived database contexts scoped to the signed-in staff member's merchants. Pages and
/// services of a user's session go through this; nothing else hands out contexts with data in them.
/// </summary>
public sealed class Db(IDbContextFactory<PrivacyDeskDbContext> factory, CurrentStaff staff)
{
    public async Task<PrivacyDeskDbContext> OpenAsync(CancellationToken ct = default)
    {
        var who = await staff.GetAsync(ct);
        return factory.CreateDbContext().WithScope(who.Scope, who.Actor);
    }
}

public static class DbContextFactoryExtensions
{
    /// <summary>A context that sees every merchant: for the CLI, start-up and background jobs only.</summary>
    public static PrivacyDeskDbContext CreateSystemContext(this IDbContextFactory<PrivacyDeskDbContext> factory, AuditActor? actor = null) =>
        factory.CreateDbContext().WithScope(MerchantScope.System, actor ?? AuditActor.System);
}
