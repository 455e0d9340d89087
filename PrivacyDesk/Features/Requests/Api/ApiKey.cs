using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Requests.Api;

/// <summary>
/// A merchant's key for the web-form intake API. Only a SHA-256 hash is stored; the key itself is
/// shown once at creation. The prefix lets an admin tell keys apart.
/// </summary>
public class ApiKey : IMerchantOwned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
