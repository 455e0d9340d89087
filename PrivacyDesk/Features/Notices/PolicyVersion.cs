namespace PrivacyDesk.Features.Notices;

/// <summary>
/// One version of a merchant's privacy policy, in French and English, with what a notice must say about it:
/// its effective date, whether the change is substantial (seed 000 s. 12, seed 004: material), whether it lowers
/// the protection of the data (seed 002: consent needed, not only notice), and the notice period promised.
/// </summary>
public class PolicyVersion : Data.IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }

    /// <summary>The office's name for it, e.g. "2027-01".</summary>
    public required string Label { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public bool Substantial { get; set; }
    public bool LowersProtection { get; set; }

    /// <summary>Days of notice the policy promises before a change applies (seed 004: thirty); 0: none promised.</summary>
    public int NoticeDays { get; set; }

    /// <summary>What changes, in a few sentences: the body of the notice. Null: no text in that language.</summary>
    public string? SummaryFr { get; set; }
    public string? SummaryEn { get; set; }

    /// <summary>The policy's full text, or where it is published.</summary>
    public string? TextFr { get; set; }
    public string? TextEn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string? Summary(string language) => language == "fr" ? SummaryFr : SummaryEn;
    public string? Text(string language) => language == "fr" ? TextFr : TextEn;
    public bool HasLanguage(string language) => !string.IsNullOrWhiteSpace(Summary(language));

    /// <summary>The last day a notice can start and still give the promised period.</summary>
    public DateOnly LatestStart => EffectiveOn.AddDays(-NoticeDays);
}
