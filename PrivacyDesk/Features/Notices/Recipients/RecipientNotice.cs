namespace PrivacyDesk.Features.Notices.Recipients;

/// <summary>The change a recipient must be told about (GDPR art. 19; Quebec s. 28 for information communicated to others).</summary>
public enum RecipientChange { Rectification, Erasure }

/// <summary>Where a recipient notice stands: to tell, sent (email queued or letter filed), confirmed by the recipient, or waived with the reason.</summary>
public enum RecipientNoticeStatus { ToTell, Sent, Confirmed, Waived }

public enum NoticeChannel { Email, Letter }

/// <summary>Where the office learnt that this recipient received the person's data.</summary>
public enum RecipientSource { Disclosure, Inventory }

/// <summary>
/// One recipient of a person's data to be told of a rectification or erasure made under a request. The list is
/// taken when the change is made (an erasure may delete the disclosures it comes from), one row per recipient
/// and change, so the officer's work survives and the requester can be given the list.
/// </summary>
public class RecipientNotice : Data.IMerchantOwned, Data.IVersioned
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int RequestId { get; set; }
    public int CustomerId { get; set; }
    public RecipientChange Change { get; set; }
    public required string RecipientName { get; set; }
    /// <summary>Who the notice is about, as the recipient knows them, taken before an erasure anonymises the record.</summary>
    public string PersonName { get; set; } = "";
    public string PersonReference { get; set; } = "";
    public RecipientSource Source { get; set; }
    /// <summary>What the recipient received (the disclosures' categories, or the inventory's categories), and what changed.</summary>
    public string Received { get; set; } = "";
    /// <summary>For a rectification, the fields changed (JSON of field, old and new value); empty for an erasure.</summary>
    public string Changed { get; set; } = "";
    public RecipientNoticeStatus Status { get; set; }
    public NoticeChannel? Channel { get; set; }
    public string? Email { get; set; }
    public string? PostalAddress { get; set; }
    public string Language { get; set; } = "en";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? SentBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    /// <summary>The recipient's confirmation as recorded, or why telling them was waived (impossible, disproportionate effort).</summary>
    public string? Note { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
