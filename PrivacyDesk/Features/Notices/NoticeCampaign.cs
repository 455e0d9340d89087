namespace PrivacyDesk.Features.Notices;

/// <summary>Who is told: seed 000 promises "clients holding a valid account including an email address".</summary>
public enum CampaignAudience { AccountHolders, AllCustomersWithEmail }

public enum CampaignStatus { Sending, Stopped, Completed }

/// <summary>
/// Where one person's notice stands. Pending: not yet handed to the outbox; Queued: in the outbox; Sent, Failed
/// (the server refused it for good), Bounced (accepted, then returned: intake tied the bounce to it), Cancelled (the
/// campaign was stopped before it went).
/// </summary>
public enum RecipientStatus { Pending, Queued, Sent, Failed, Bounced, Cancelled }

/// <summary>For a change that lowers protection: the person's answer, collected rather than assumed.</summary>
public enum ConsentAnswer { NotAsked, Pending, Given, Refused }

/// <summary>
/// The notice of one policy version to a merchant's audience. The recipients are written when it starts (set-based);
/// the dispatcher hands them to the outbox at the campaign's rate, so a restart resumes where it stood.
/// </summary>
public class NoticeCampaign : Data.IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int PolicyVersionId { get; set; }
    public PolicyVersion? PolicyVersion { get; set; }
    public CampaignAudience Audience { get; set; }
    public CampaignStatus Status { get; set; }

    /// <summary>Messages per minute handed to the outbox; 0: no throttle.</summary>
    public int MessagesPerMinute { get; set; }
    public int RecipientCount { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public string? StartedBy { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public string? StoppedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When the dispatcher last handed messages over (the throttle's clock).</summary>
    public DateTimeOffset? LastDispatchAt { get; set; }
    /// <summary>Where the public reaches the portal (Portal:PublicUrl, else the address the officer used): consent links are made from it.</summary>
    public string? LinkBase { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>The per-person record: which version they were told about, at which address, when, and how it went.</summary>
public class CampaignRecipient : Data.IMerchantOwned
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int MerchantId { get; set; }
    public int CustomerId { get; set; }
    public required string Email { get; set; }
    public string Language { get; set; } = "en";
    public RecipientStatus Status { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Error { get; set; }
    public ConsentAnswer Consent { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }
    /// <summary>SHA-256 of the link's token that lets the person answer (a change that lowers protection); the token itself is only in their email.</summary>
    public string? ConsentTokenHash { get; set; }
}
