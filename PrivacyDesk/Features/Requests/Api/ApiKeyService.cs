using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Requests.Api;

public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>Creates, lists, revokes and checks the per-merchant keys of the intake API.</summary>
public sealed class ApiKeyService(IDbContextFactory<PrivacyDeskDbContext> factory, CurrentStaff staff, TimeProvider clock)
{
    private const string KeyPrefix = "pdk_";

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await RequireAdminAsync(ct);
        await using var ctx = factory.CreateSystemContext();
        return await ctx.ApiKeys.AsNoTracking().OrderBy(k => k.MerchantId).ThenBy(k => k.CreatedAt).ToListAsync(ct);
    }

    public async Task<CreatedApiKey> CreateAsync(int merchantId, string name, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        return await CreateAsync(merchantId, name, me.Actor, ct);
    }

    /// <summary>Creates a key; the secret is returned once and only its hash is stored.</summary>
    public async Task<CreatedApiKey> CreateAsync(int merchantId, string name, AuditActor actor, CancellationToken ct = default)
    {
        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var ctx = factory.CreateSystemContext(actor);
        if (!await ctx.Merchants.AnyAsync(m => m.Id == merchantId, ct)) throw new ArgumentException("Unknown merchant.", nameof(merchantId));
        var key = new ApiKey
        {
            MerchantId = merchantId,
            Name = string.IsNullOrWhiteSpace(name) ? "Web form" : name.Trim(),
            Prefix = secret[..12],
            Hash = HashOf(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        ctx.ApiKeys.Add(key);
        await ctx.SaveChangesAsync(ct);
        ctx.Audit("api-key.created", nameof(ApiKey), key.Id, merchantId, new { key.Name, key.Prefix });
        await ctx.SaveChangesAsync(ct);
        return new CreatedApiKey(key, secret);
    }

    public async Task RevokeAsync(int keyId, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        await using var ctx = factory.CreateSystemContext(me.Actor);
        var key = await ctx.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null || key.RevokedAt is not null) return;
        key.RevokedAt = clock.GetUtcNow();
        ctx.Audit("api-key.revoked", nameof(ApiKey), key.Id, key.MerchantId, new { key.Name, key.Prefix });
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The merchant a presented key belongs to, or null for a missing, unknown or revoked key, or one of a deactivated merchant.</summary>
    public async Task<int?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length > 200) return null;
        var hash = HashOf(presented.Trim());
        await using var ctx = factory.CreateSystemContext();
        var key = await ctx.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is null) return null;
        // A deactivated merchant's form must not open requests that no staff member can see any more.
        if (!await ctx.Merchants.AnyAsync(m => m.Id == key.MerchantId && m.IsActive, ct)) return null;
        key.LastUsedAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
        return key.MerchantId;
    }

    // A fast hash is right here: the secret has 256 bits of entropy, so there is nothing to brute-force.
    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private async Task<StaffIdentity> RequireAdminAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsAdmin) throw new UnauthorizedAccessException("Only an administrator can manage API keys.");
        return me;
    }
}
