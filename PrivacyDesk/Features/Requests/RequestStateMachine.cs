namespace PrivacyDesk.Features.Requests;

/// <summary>
/// The allowed status changes. Anything else is refused with a message, so a request cannot skip
/// from New to Closed without a decision, or be reopened once merged.
/// </summary>
public static class RequestStateMachine
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Allowed = new()
    {
        [RequestStatus.New] = [RequestStatus.Acknowledged, RequestStatus.AwaitingVerification, RequestStatus.InProgress, RequestStatus.Decided, RequestStatus.Merged, RequestStatus.Withdrawn],
        [RequestStatus.Acknowledged] = [RequestStatus.AwaitingVerification, RequestStatus.InProgress, RequestStatus.Decided, RequestStatus.Merged, RequestStatus.Withdrawn],
        [RequestStatus.AwaitingVerification] = [RequestStatus.InProgress, RequestStatus.Decided, RequestStatus.Merged, RequestStatus.Withdrawn],
        [RequestStatus.InProgress] = [RequestStatus.AwaitingVerification, RequestStatus.Decided, RequestStatus.Merged, RequestStatus.Withdrawn],
        [RequestStatus.Decided] = [RequestStatus.Closed, RequestStatus.InProgress],
        [RequestStatus.Closed] = [RequestStatus.InProgress],
        [RequestStatus.Merged] = [],
        [RequestStatus.Withdrawn] = [],
    };

    public static bool CanMove(RequestStatus from, RequestStatus to) => Allowed[from].Contains(to);
}
