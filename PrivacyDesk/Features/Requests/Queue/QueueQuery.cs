using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests.Queue;

/// <summary>The queue's filters. Null or empty means "any".</summary>
public sealed record QueueFilter
{
    /// <summary>Only requests still waiting for a response (the default view).</summary>
    public bool OpenOnly { get; init; } = true;
    public IReadOnlyList<RequestStatus> Statuses { get; init; } = [];
    public RequestType? Type { get; init; }
    /// <summary>A user id, or <see cref="Unassigned"/>.</summary>
    public string? AssigneeId { get; init; }
    public int? MerchantId { get; init; }
    public RequestChannel? Channel { get; init; }
    public string? Language { get; init; }
    public Jurisdiction? Jurisdiction { get; init; }
    public int? DueWithinDays { get; init; }
    public bool OverdueOnly { get; init; }
    /// <summary>
    /// Only the web-form requests whose email is not confirmed yet. Without it they are left out of the
    /// queue, except from a search (a reference or a name finds its request wherever it is).
    /// </summary>
    public bool AwaitingEmailOnly { get; init; }
    public string? Search { get; init; }

    public const string Unassigned = "-";
}

public enum QueueSortColumn { Due, Received, Reference, Requester, Status, Type, Assignee }

public sealed record QueueQuery(QueueFilter Filter, QueueSortColumn Sort = QueueSortColumn.Due, bool Descending = false, int Skip = 0, int Take = 25);

public sealed record QueueRow(
    int Id, int MerchantId, string Reference, RequestType Type, string TypeCodes, RequestStatus Status, RequestChannel Channel,
    string Language, Jurisdiction Jurisdiction, string RequesterName, string? RequesterEmail, string Subject, string? AssigneeName,
    DateTimeOffset ReceivedAt, DateOnly EffectiveDue, bool Extended, bool PossibleDuplicate)
{
    /// <summary>From the web form, its email not confirmed yet.</summary>
    public bool AwaitingEmail { get; init; }

    public int DaysLeft(DateOnly today) => EffectiveDue.DayNumber - today.DayNumber;

    /// <summary>The merchant's calendar day of receipt (the day its legal clock counts from), not UTC's.</summary>
    public DateOnly ReceivedOn { get; init; }
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total);
