using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Customers;

public enum CustomerStatus { Active, Deactivated, Anonymised }

/// <summary>
/// A person the merchant holds information about. Cancelled accounts are deactivated, not deleted
/// (seed 004); erasure anonymises or deletes per category, as the data inventory says.
/// </summary>
public class Customer : IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string AccountNumber { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Language { get; set; } = "fr";
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public CustomerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>Folded names, emails, phones, postal codes and account number; indexed by FTS5 (CustomerSearch).</summary>
    public string SearchText { get; set; } = "";
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ContactPoint> ContactPoints { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}".Trim();
}

public enum ContactKind { Email, Phone, Postal }

/// <summary>An email, phone or postal address, with its history: a rectified value keeps its row, closed by ValidTo.</summary>
public class ContactPoint : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public int MerchantId { get; set; }
    public ContactKind Kind { get; set; }
    public required string Value { get; set; }
    public string? PostalCode { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public bool IsCurrent => ValidTo is null;
}

public enum ConsentChannel { Email, Sms, Phone, Post, Cookies }
public enum ConsentState { Granted, Withdrawn }

/// <summary>One change of a consent or preference: the latest row per purpose and channel is in force.</summary>
public class Consent : IMerchantOwned
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public int MerchantId { get; set; }
    public required string Purpose { get; set; }
    public ConsentChannel Channel { get; set; }
    public ConsentState State { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>E.g. cookie consent lapses after 13 months (seed 002).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public int? RequestId { get; set; }

    /// <summary>A consent granted until a date now past: it no longer counts as given, and must not be shown as given.</summary>
    public bool HasExpired(DateTimeOffset now) => State == ConsentState.Granted && ExpiresAt is { } end && end <= now;
}
