using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>What the signed-in staff member is and may see, computed once per circuit or request.</summary>
public sealed record StaffIdentity(
    string? UserId,
    string DisplayName,
    IReadOnlySet<string> Roles,
    IReadOnlyList<MerchantOption> Merchants,
    int? SelectedMerchantId,
    MerchantScope Scope)
{
    public bool IsSignedIn => UserId is not null;
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsAdmin => IsInRole(Users.Roles.Admin);
    public AuditActor Actor => UserId is null ? AuditActor.System : new AuditActor(UserId, DisplayName);

    public static StaffIdentity Anonymous { get; } =
        new(null, "", new HashSet<string>(), [], null, MerchantScope.Nobody);
}

/// <summary>A merchant the user may pick in the switcher.</summary>
public sealed record MerchantOption(int Id, string Name, string Slug);

/// <summary>
/// Resolves the current staff member from the Blazor authentication state (interactive circuits
/// and server-rendered pages) or from a principal set by an HTTP endpoint.
/// </summary>
public sealed class CurrentStaff(IServiceProvider services, IDbContextFactory<PrivacyDeskDbContext> factory, StaffSessions sessions, TimeProvider clock)
{
    private ClaimsPrincipal? _principal;
    private StaffIdentity? _cached;
    private DateTimeOffset _cachedAt;

    /// <summary>Raised after the merchant switcher changes the scope, so that pages can reload.</summary>
    public event Action? Changed;

    /// <summary>For minimal-API endpoints, which have an HttpContext but no Blazor authentication state.</summary>
    public void UsePrincipal(ClaimsPrincipal principal)
    {
        _principal = principal;
        _cached = null;
    }

    public async Task<StaffIdentity> GetAsync(CancellationToken ct = default)
    {
        // A circuit keeps this for hours: a sign-out, lock or reset elsewhere must take effect on its next action.
        if (_cached is not null && !(_cached.UserId is { } id && sessions.RevokedSince(id, _cachedAt))) return _cached;
        var principal = _principal ?? await FromAuthenticationStateAsync();
        _cachedAt = clock.GetUtcNow();
        _cached = await ResolveAsync(principal, ct);
        return _cached;
    }

    public async Task SelectMerchantAsync(int? merchantId, CancellationToken ct = default)
    {
        var me = await GetAsync(ct);
        if (me.UserId is null) return;
        if (merchantId is int id && me.Merchants.All(m => m.Id != id)) return; // not one of theirs: ignore
        await using var db = factory.CreateSystemContext(me.Actor);
        await db.Users.Where(u => u.Id == me.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SelectedMerchantId, merchantId), ct);
        _cached = null;
        Changed?.Invoke();
    }

    private async Task<ClaimsPrincipal> FromAuthenticationStateAsync()
    {
        var provider = services.GetService<AuthenticationStateProvider>();
        if (provider is null) return new ClaimsPrincipal();
        try
        {
            return (await provider.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Outside a Blazor render (e.g. a plain endpoint that forgot UsePrincipal): treat as anonymous.
            return new ClaimsPrincipal();
        }
    }

    private async Task<StaffIdentity> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || userId is null) return StaffIdentity.Anonymous;

        await using var db = factory.CreateSystemContext();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.Email, u.SelectedMerchantId, u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (user is null) return StaffIdentity.Anonymous;
        // A session that was ended (its stamp is not the user's any more) or a locked user acts as nobody.
        if (StaffSessions.IsLockedByAdministrator(user.LockoutEnd, clock.GetUtcNow())) return StaffIdentity.Anonymous;
        if (principal.FindFirstValue(StaffSessions.StampClaimType) is { } stamp && stamp != user.SecurityStamp) return StaffIdentity.Anonymous;

        // Roles come from the database, not the cookie, so a role removed by an admin takes effect at once.
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        var isAdmin = roleSet.Contains(Roles.Admin);

        var merchantQuery = db.Merchants.AsNoTracking().Where(m => m.IsActive);
        if (!isAdmin)
            merchantQuery = merchantQuery.Where(m => db.UserMerchants.Any(um => um.UserId == userId && um.MerchantId == m.Id));
        var merchants = await merchantQuery.OrderBy(m => m.Name)
            .Select(m => new MerchantOption(m.Id, m.Name, m.Slug)).ToListAsync(ct);

        int? selected = user.SelectedMerchantId is int s && merchants.Any(m => m.Id == s) ? s : null;
        var scope = selected is int one ? MerchantScope.Only([one])
            : isAdmin ? MerchantScope.System
            : MerchantScope.Only(merchants.Select(m => m.Id));

        return new StaffIdentity(userId, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? userId : user.DisplayName,
            roleSet, merchants, selected, scope);
    }
}
