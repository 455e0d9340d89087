using PrivacyDesk.Features.Customers.Inventory;

namespace PrivacyDesk.Features.Customers;

public sealed record CustomerHit(int Id, int MerchantId, string AccountNumber, string FullName, string? Email, string? Phone,
    string? PostalCode, CustomerStatus Status);

public sealed record LinkedRequest(int Id, string Reference, string TypeCodes, string Status, DateTimeOffset ReceivedAt);

/// <summary>Everything held on one person, grouped as the access response groups it.</summary>
public sealed record CustomerProfile(
    Customer Customer,
    IReadOnlyList<ContactPoint> ContactPoints,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<CustomerOrder> Orders,
    IReadOnlyList<ActivityLog> Logs,
    IReadOnlyList<Communication> Communications,
    IReadOnlyList<Disclosure> Disclosures,
    IReadOnlyList<OtherRecord> OtherRecords,
    IReadOnlyList<ThirdPartyPerson> ReferredPeople,
    IReadOnlyList<CustomerChange> Changes,
    IReadOnlyList<LinkedRequest> Requests,
    IReadOnlyList<DataInventoryEntry> Inventory)
{
    /// <summary>The consent in force per purpose and channel: the latest change, unless expired.</summary>
    public IReadOnlyList<Consent> ConsentsInForce(DateTimeOffset now) => Consents
        .GroupBy(c => (c.Purpose, c.Channel)).Select(g => g.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).First())
        .Where(c => c.State == ConsentState.Granted && (c.ExpiresAt is null || c.ExpiresAt > now)).ToList();

    public int CountIn(DataCategory category) => category switch
    {
        DataCategory.Identity => 1,
        DataCategory.Contact => ContactPoints.Count(p => p.IsCurrent),
        DataCategory.Preferences => Consents.Count,
        DataCategory.Orders => Orders.Count,
        DataCategory.DeviceAndLogs => Logs.Count,
        DataCategory.Communications => Communications.Count,
        DataCategory.Disclosures => Disclosures.Count,
        DataCategory.Other => OtherRecords.Count + ReferredPeople.Count,
        _ => 0,
    };
}

/// <summary>What erasure did per category, and what it kept and why: this goes into the response.</summary>
public sealed record ErasureLine(DataCategory Category, ErasureAction Action, int Count, string? KeptBecauseEn, string? KeptBecauseFr);

public sealed record CustomerResult(bool Succeeded, string? Error = null, bool Conflict = false, IReadOnlyList<ErasureLine>? Erasure = null)
{
    public static CustomerResult Ok(IReadOnlyList<ErasureLine>? erasure = null) => new(true, Erasure: erasure);
    public static CustomerResult Fail(string error) => new(false, error);
}

/// <summary>Fields a rectification can change.</summary>
public enum RectifiableField { FirstName, LastName, Email, Phone, PostalAddress, DateOfBirth, Language, Gender }
