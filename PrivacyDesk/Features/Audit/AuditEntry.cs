namespace PrivacyDesk.Features.Audit;

/// <summary>
/// One append-only audit record. Each carries the hash of the one before it, so any edit or
/// deletion made behind the application's back breaks the chain (see <see cref="AuditChain"/>).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Staff user id, or a fixed name for the system ("cli", "intake", "api:merchant-slug").</summary>
    public required string Actor { get; set; }
    public string? ActorName { get; set; }

    /// <summary>The merchant whose data was touched, if any: lets merchant staff read their own trail.</summary>
    public int? MerchantId { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>What happened, a stable code such as <c>merchant.created</c> or <c>user.locked</c>.</summary>
    public required string Action { get; set; }

    /// <summary>JSON with before/after values or other detail; never a password or token.</summary>
    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
