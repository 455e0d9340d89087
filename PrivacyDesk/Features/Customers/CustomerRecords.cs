using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Customers;

/// <summary>An order or transaction. The payment method is stored masked: never a full card number.</summary>
public class CustomerOrder : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int MerchantId { get; set; }
    public required string OrderNumber { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Items { get; set; }
    public decimal Total { get; set; }
    public string Currency { get; set; } = "CAD";
    public string? PaymentMethodMasked { get; set; }
}

/// <summary>Device and log data: IP address, OS, browser, page, time.</summary>
public class ActivityLog : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? IpAddress { get; set; }
    public string? OperatingSystem { get; set; }
    public string? Browser { get; set; }
    public string? Page { get; set; }
}

/// <summary>An exchange with the customer (email, call, letter, chat).</summary>
public class Communication : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Channel { get; set; }
    public required string Summary { get; set; }
}

/// <summary>Who received which of the customer's data, when, why, and in which country.</summary>
public class Disclosure : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Recipient { get; set; }
    public required string RecipientKind { get; set; }
    public required string Categories { get; set; }
    public required string Purpose { get; set; }
    public required string Country { get; set; }

    /// <summary>Given because the law compelled it (a court order, subpoena, warrant): seed 004 promises to tell the person.</summary>
    public bool IsLegalProcess { get; set; }
    public PersonNotice Notice { get; set; }
    public DateTimeOffset? NoticeSentAt { get; set; }
    /// <summary>Who decided the notice (sent it, or recorded why it is withheld).</summary>
    public string? NoticeBy { get; set; }
    /// <summary>The order or provision that forbids telling the person, its date and its expiry (the notice is due again after it).</summary>
    public string? WithheldOrder { get; set; }
    public DateOnly? WithheldOrderDate { get; set; }
    public DateOnly? WithheldUntil { get; set; }
}

/// <summary>Whether the person must be told of a disclosure: only legal-process disclosures ask for it.</summary>
public enum PersonNotice { NotRequired, Due, Sent, Withheld }

/// <summary>Other records: a job application, a camera-footage reference, an id number (seed 004).</summary>
public class OtherRecord : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Description { get; set; }
}

/// <summary>Someone who is not a customer, e.g. a friend's address given through "Tell-A-Friend" (seed 004).</summary>
public class ThirdPartyPerson : IMerchantOwned
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int? ReferredByCustomerId { get; set; }
    public Customer? ReferredBy { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One field's change, old and new kept, with the request it was made under.</summary>
public class CustomerChange : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public int MerchantId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public int? RequestId { get; set; }
    public string? RequestReference { get; set; }
    public required string ActorName { get; set; }
}
