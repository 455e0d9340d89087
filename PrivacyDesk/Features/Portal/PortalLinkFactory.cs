using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Portal;

/// <summary>Makes a request's link (one live link per request: the previous ones are revoked) and its address.</summary>
internal static class PortalLinkFactory
{
    public static async Task<(string Token, PortalLink Link)> NewAsync(PrivacyDeskDbContext ctx, PrivacyRequest r, TimeProvider clock, int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var old in (await ctx.PortalLinks.Where(l => l.RequestId == r.Id && l.RevokedAt == null).ToListAsync(ct)).Where(l => l.IsLive(now)))
        {
            old.RevokedAt = now;
            old.RevokedByName = ctx.Actor.Name;
            old.Version = Guid.NewGuid();
        }
        var token = PortalTokens.NewToken();
        var link = new PortalLink
        {
            MerchantId = r.MerchantId, RequestId = r.Id, TokenHash = PortalTokens.Hash(token), CreatedAt = now, CreatedByName = ctx.Actor.Name,
            ExpiresAt = now.AddDays(days), Email = r.RequesterEmail!.Trim(),
        };
        ctx.PortalLinks.Add(link);
        return (token, link);
    }

    public static string Url(Uri appBase, string token) => new Uri(appBase, "portal/" + token).ToString();
}
