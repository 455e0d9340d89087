using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>
/// Ends every session of a user at once: sign-out, a lock, a password reset or change, a change of
/// roles. The security stamp is renewed (so every cookie issued before is refused on its next
/// request, on any node, see <see cref="IsCurrentAsync"/>), and open circuits of this process are
/// told straight away (<see cref="Revoked"/>), instead of at their next periodic check.
/// </summary>
public sealed class StaffSessions(IDbContextFactory<PrivacyDeskDbContext> factory, TimeProvider clock)
{
    public static readonly string StampClaimType = new ClaimsIdentityOptions().SecurityStampClaimType;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedAt = new(StringComparer.Ordinal);

    /// <summary>Raised with the user's id when their sessions were ended.</summary>
    public event Action<string>? Revoked;

    public async Task EndAllAsync(UserManager<StaffUser> users, StaffUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        _revokedAt[user.Id] = clock.GetUtcNow();
        Revoked?.Invoke(user.Id);
    }

    /// <summary>True when this process ended the user's sessions after <paramref name="since"/>.</summary>
    public bool RevokedSince(string userId, DateTimeOffset since) => _revokedAt.TryGetValue(userId, out var at) && at >= since;

    /// <summary>
    /// An administrator's lock is for good (until unlocked); Identity's own lockout after failed
    /// sign-ins lasts minutes and must not end open sessions, or anyone could log a person out by
    /// typing wrong passwords for their email.
    /// </summary>
    public static bool IsLockedByAdministrator(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd is { } end && end > now.AddYears(50);

    /// <summary>
    /// Is the session this principal stands for still valid: the user exists, is not locked by an administrator, and the
    /// stamp in the cookie is the user's current one. One indexed read, on every request.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return false;
        await using var db = factory.CreateSystemContext();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (user is null) return false;
        if (IsLockedByAdministrator(user.LockoutEnd, clock.GetUtcNow())) return false;
        var stamp = principal.FindFirstValue(StampClaimType);
        return stamp is not null && stamp == user.SecurityStamp;
    }
}
