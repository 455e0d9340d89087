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
    IReadOnlyList<DataInventoryEntry> Inventory,
    IReadOnlyList<Notices.PolicyNoticeRecord>? PolicyNotices = null)
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

/// <summary>A customer due for the retention review: inactive longer than their merchant keeps identities.</summary>
public sealed record RetentionCandidate(int Id, int MerchantId, string AccountNumber, string FullName, string? Email, string? Phone,
    DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt, CustomerStatus Status, Guid Version)
{
    /// <summary>What the review counts from: the last activity, or the account's creation when there was none.</summary>
    public DateTimeOffset InactiveSince => LastActivityAt ?? CreatedAt;
}

/// <summary>How the retention review is sorted.</summary>
public enum RetentionSort { LastActivity, Name, Account }

/// <summary>One page of the retention review and how many customers are due in all.</summary>
public sealed record RetentionPage(IReadOnlyList<RetentionCandidate> Items, int Total);

/// <summary>
/// What an erasure will do, before it is done: per category what the inventory says (delete,
/// anonymise, keep under a legal hold and why) and how many records that touches.
/// </summary>
public sealed record ErasurePreview(int People, IReadOnlyList<ErasureLine> Lines)
{
    public int Records => Lines.Sum(l => l.Count);
    public int Removed => Lines.Where(l => l.Action != ErasureAction.KeepUnderLegalHold).Sum(l => l.Count);
    public IEnumerable<ErasureLine> Held => Lines.Where(l => l.Action == ErasureAction.KeepUnderLegalHold && l.Count > 0);
}

/// <summary>The outcome of the retention review's bulk erasure: how many were erased, and why others were left.</summary>
public sealed record RetentionErasureResult(int Erased, int Skipped, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Names as staff read them: an anonymised customer's stored pseudonym is shown in the reader's language.</summary>
public static class CustomerNames
{
    public static string Display(string fullName, CustomerStatus status, int id, Hosting.Localization.UiText text) =>
        status == CustomerStatus.Anonymised ? text.Format("Customers.AnonymisedName", id) : fullName;

    public static string Display(Customer c, Hosting.Localization.UiText text) => Display(c.FullName, c.Status, c.Id, text);

    /// <summary>Who made a change: the seeding of demo data is named in the reader's language, a person as they are.</summary>
    public static string Actor(string? name, Hosting.Localization.UiText text) => name switch
    {
        null or "" => "—",
        "Demo data" => text["Actor.Demo"],
        "System" => text["Actor.System"],
        "Command line" => text["Actor.Cli"],
        _ => name,
    };
}
