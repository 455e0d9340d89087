using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Documents.Review;

/// <summary>What the officer decided for one flagged item before the response goes out.</summary>
public enum DisclosureChoice
{
    /// <summary>Disclosed as it is (the flag was a false alarm, or the person is entitled to it).</summary>
    Release,
    /// <summary>The flagged parts (another person's email, phone, name) are blacked out; the rest is disclosed.</summary>
    Redact,
    /// <summary>The whole item is withheld, with its ground.</summary>
    Withhold,
}

/// <summary>
/// One decision of the review step on an access request: which item, what was done, on what ground
/// and by whom. Kept (and audited) so the response can say what was withheld and why, and so the
/// next generation of the same response applies the same decisions.
/// </summary>
public class DisclosureDecision : IMerchantOwned
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int RequestId { get; set; }
    /// <summary>"communication:12", "other:4", "message:PD-2026-000001", "event:88", "note:90".</summary>
    public required string ItemKey { get; set; }
    public DisclosureChoice Choice { get; set; }
    /// <summary>Required for Redact and Withhold: its provision of law goes into the "withheld" section.</summary>
    public RefusalGround? Ground { get; set; }
    /// <summary>SHA-256 of the text as the officer saw it: a text changed since is undecided again.</summary>
    public required string TextHash { get; set; }
    public required string ActorName { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class DisclosureDecisionConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<DisclosureDecision>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DisclosureDecision> b)
    {
        b.HasIndex(d => new { d.RequestId, d.ItemKey }).IsUnique();
        b.Property(d => d.ItemKey).HasMaxLength(100);
    }
}
