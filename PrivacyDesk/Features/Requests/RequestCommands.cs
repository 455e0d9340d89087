using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests;

/// <summary>A new request from any intake: the rep's form, the web-form API, email intake.</summary>
public sealed record NewRequest(
    int MerchantId,
    IReadOnlyList<RequestType> Types,
    RequestChannel Channel,
    string Language,
    string RequesterName,
    string? RequesterEmail = null,
    string? RequesterPhone = null,
    string? RequesterPostalAddress = null,
    string? Subject = null,
    string? Message = null,
    Jurisdiction? Jurisdiction = null,
    DateTimeOffset? ReceivedAt = null,
    ContactChannels OptOutChannels = ContactChannels.None,
    string? AgentName = null,
    string? AgentRelationship = null,
    string? AgentProofOfAuthority = null,
    int? CustomerId = null);

/// <summary>The outcome of a command on a request; errors are in the user's language.</summary>
public sealed record RequestResult(bool Succeeded, string? Error = null, PrivacyRequest? Request = null, bool Conflict = false)
{
    /// <summary>The form field the error is about (its input's name: "evidence", "decisionReason", "to"...), so the form shows it there; null for the request as a whole.</summary>
    public string? Field { get; init; }

    public static RequestResult Ok(PrivacyRequest request) => new(true, null, request);
    public static RequestResult Fail(string error) => new(false, error);
    public static RequestResult Fail(string error, string? field) => new(false, error) { Field = field };
    public static RequestResult Stale(string error, PrivacyRequest? current) => new(false, error, current, Conflict: true);
}

/// <summary>A file attached by staff to a note.</summary>
public sealed record NewAttachment(string FileName, string ContentType, byte[] Content);
