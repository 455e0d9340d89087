using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on what can be guessed or flooded: the sign-in and two-step code
/// posts, per client address (so nobody can try passwords, or lock other people's accounts, at
/// speed), the intake API, per key, and the requester portal (the one public page), per address and
/// per link. Staff pages and the circuit are not limited.
/// </summary>
public static class RateLimits
{
    private static readonly string[] GuardedPosts = ["/account/login", "/account/two-factor", "/account/setup", "/account/change-password", "/account/set-password"];

    public static IServiceCollection AddPrivacyDeskRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per key, and per address as well: made-up keys each get a partition of their own, an address does not.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(Partition),
                PartitionedRateLimiter.Create<HttpContext, string>(ApiByAddress));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many attempts: wait a minute, then try again.\nTrop de tentatives : attendez une minute, puis réessayez.\n", ct);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var address = AddressGroup(http.Connection.RemoteIpAddress);
        // Routing also matches "/account/login/": the path is compared as routing reads it.
        var path = http.Request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(http.Request.Method) && GuardedPosts.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            return PerMinute("sign-in:" + address, options.SignInAttemptsPerMinute);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            // Per key, hashed: the partition names stay in memory and must not hold a secret.
            var key = http.Request.Headers[Features.Requests.Api.RequestApi.KeyHeader].ToString();
            var who = key.Length is > 0 and <= 200 ? "key:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16] : "ip:" + address;
            return PerMinute("api:" + who, options.ApiRequestsPerMinute);
        }
        if (http.Request.Path.StartsWithSegments("/portal", out var rest))
        {
            // Per link as well as per address: many addresses guessing at one link's code are slowed too. Hashed, like keys.
            var segments = rest.Value?.TrimStart('/').Split('/') ?? [];
            // A consent link (/portal/consent/<token>) is limited per its own token, like a portal link.
            var token = (segments is ["consent", var consent, ..] ? consent : segments.FirstOrDefault()) ?? "";
            // Junk tokens share one partition: they open nothing, and must not each grow the limiter's table.
            if (!Features.Portal.PortalTokens.LooksLikeToken(token)) token = "malformed";
            var portal = http.RequestServices.GetRequiredService<IOptions<Features.Portal.PortalOptions>>().Value;
            return PerMinute("portal-link:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..16], portal.RequestsPerMinute);
        }
        return RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> ApiByAddress(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/portal"))
        {
            var portal = http.RequestServices.GetRequiredService<IOptions<Features.Portal.PortalOptions>>().Value;
            return PerMinute("portal-address:" + AddressGroup(http.Connection.RemoteIpAddress), portal.RequestsPerMinute);
        }
        if (!http.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("none");
        var options = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        return PerMinute("api-address:" + AddressGroup(http.Connection.RemoteIpAddress), options.ApiRequestsPerMinute * 5);
    }

    /// <summary>An IPv4 address, or an IPv6 /64 (one subscriber's whole range): rotating addresses inside it buys nothing.</summary>
    private static string AddressGroup(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> PerMinute(string partition, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
