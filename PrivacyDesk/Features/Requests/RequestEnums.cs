namespace PrivacyDesk.Features.Requests;

/// <summary>What the person asks for; a request may carry several (access and erasure, say).</summary>
public enum RequestType { Access, Rectification, Erasure, Withdrawal, Objection, Portability, Complaint, Other }

/// <summary>How the request reached the merchant.</summary>
public enum RequestChannel { Email, Phone, Letter, InPerson, WebForm, Api }

/// <summary>Marketing channels a withdrawal of consent or opt-out concerns.</summary>
[Flags]
public enum ContactChannels { None = 0, Email = 1, Sms = 2, Phone = 4, Post = 8 }

public enum RequestStatus { New, Acknowledged, AwaitingVerification, InProgress, Decided, Closed, Merged, Withdrawn }

public enum RequestOutcome { Fulfilled, PartiallyFulfilled, Refused }

public enum IdentityVerificationMethod { AccountLogin, KnowledgeQuestions, DocumentChecked, InPersonId, CallbackToKnownNumber, AgentProofChecked, EmailCodeConfirmed }

public static class RequestTypeCodes
{
    /// <summary>The lower-case codes of the request API: access, rectification, erasure, ...</summary>
    public static string Code(this RequestType t) => t.ToString().ToLowerInvariant();

    public static RequestType? Parse(string? code) =>
        Enum.TryParse<RequestType>(code?.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(code, out _) ? t : null;

    public static string Join(IEnumerable<RequestType> types) => string.Join(',', types.Distinct().Order().Select(Code));

    public static IReadOnlyList<RequestType> Split(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Parse).OfType<RequestType>().ToList();
}
