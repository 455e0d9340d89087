namespace PrivacyDesk.Features.Requests.Deadlines;

/// <summary>Whether a regime's law itself sets the deadline of a request of these types (else the queue's date is the office's own target).</summary>
public static class StatutoryClock
{
    public static bool Applies(Jurisdiction regime, IReadOnlyList<RequestType> types) => types.Any(t => regime switch
    {
        // PIPEDA s. 8 times access requests only.
        Jurisdiction.Pipeda => t is RequestType.Access or RequestType.Portability,
        // Quebec s. 32: access and rectification, which includes having information deleted (s. 28).
        Jurisdiction.Quebec => t is RequestType.Access or RequestType.Rectification or RequestType.Erasure or RequestType.Portability,
        // GDPR art. 12(3) for every right of arts 15-22; CCPA 11 CCR 7021 and 7026 for every consumer request.
        _ => t is not (RequestType.Complaint or RequestType.Other),
    });
}
