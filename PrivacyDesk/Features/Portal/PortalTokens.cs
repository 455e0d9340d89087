using System.Security.Cryptography;
using System.Text;

namespace PrivacyDesk.Features.Portal;

/// <summary>The link's token (256 random bits, URL-safe) and the 6-digit code, and how each is kept: hashed.</summary>
public static class PortalTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The code is hashed with the link's own id, so one code's hash says nothing about another link's.</summary>
    public static string HashCode(int linkId, string code) => Hash($"{linkId}:{code}");

    /// <summary>Equal in constant time: how long the comparison takes tells nothing about how close a guess was.</summary>
    public static bool Same(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>A token has this shape or is not one: anything else is refused before the database is asked.</summary>
    public static bool LooksLikeToken(string? token) => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
