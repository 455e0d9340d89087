using System.Security.Cryptography;
using System.Text;

namespace PrivacyDesk.Features.Audit;

/// <summary>The hash that links an audit record to the one before it.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEntry e)
    {
        // Unit separators keep "ab"+"c" and "a"+"bc" apart; the timestamp is normalised to UTC ticks
        // so that SQLite's text round trip cannot change it.
        var canonical = string.Join('\u001f',
            e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Actor, e.ActorName ?? "", e.MerchantId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            e.EntityType, e.EntityId, e.Action, e.Details ?? "", e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
