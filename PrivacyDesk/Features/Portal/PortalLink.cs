using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Portal;

/// <summary>
/// The requester's way in to one request: an unguessable token (only its SHA-256 is kept), valid until
/// it expires or the officer revokes it, and the one-time email code that proves the person holding
/// the link also controls the request's email address. One live link per request: a new one revokes the last.
/// </summary>
public class PortalLink : IMerchantOwned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int RequestId { get; set; }

    /// <summary>SHA-256 of the token, hex: the token itself is in the email and nowhere else.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedByName { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The address the codes go to: the request's, as it was when the link was made.</summary>
    public required string Email { get; set; }
    public string? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public int FailedCodeAttempts { get; set; }
    /// <summary>How many cool-downs the link has had; the third revokes it.</summary>
    public int Lockouts { get; set; }
    /// <summary>After too many wrong codes, no code is checked (nor sent) before this time.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? EmailConfirmedAt { get; set; }
    /// <summary>Renewed at every confirmation: a portal session cookie names the stamp it was issued for.</summary>
    public Guid SessionStamp { get; set; } = Guid.NewGuid();

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
