using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Documents.AccessResponse;

/// <summary>One message of the correspondence on a request: from the person, or from us.</summary>
/// <param name="Key">The review step's name for it: "message:{reference}" for the request's own text, "event:{id}" for a mail or letter.</param>
public sealed record Correspondence(string Key, DateTimeOffset At, string Reference, bool FromUs, string Channel, string Subject, string Text);

/// <summary>A note the office wrote on one of the person's requests: never disclosed nor withheld without the review step's decision.</summary>
public sealed record OfficeNote(string Key, DateTimeOffset At, string Reference, string Author, string Text);

/// <summary>One of the person's own privacy requests, with how their identity was verified and how it ended.</summary>
public sealed record HeldRequest(string Reference, DateTimeOffset ReceivedAt, IReadOnlyList<RequestType> Types, RequestChannel Channel, RequestStatus Status,
    RequestOutcome? Outcome, DateTimeOffset? VerifiedAt, IdentityVerificationMethod? VerificationMethod, string? VerificationEvidence);

/// <summary>
/// What the privacy office itself holds on the person: their requests (this one included), the
/// identity verifications made, and the correspondence exchanged. A response that says "this is all we
/// hold" must include it (Quebec s. 27, GDPR art. 15); internal notes are the review step's to decide.
/// </summary>
public sealed record RequestHistory(IReadOnlyList<HeldRequest> Requests, IReadOnlyList<Correspondence> Correspondence, IReadOnlyList<OfficeNote>? Notes = null)
{
    public static readonly RequestHistory None = new([], []);

    public IReadOnlyList<OfficeNote> OfficeNotes => Notes ?? [];

    public static async Task<RequestHistory> LoadAsync(PrivacyDeskDbContext ctx, int customerId, CancellationToken ct)
    {
        var requests = await ctx.Requests.AsNoTracking().Where(r => r.CustomerId == customerId && r.Status != RequestStatus.Merged)
            .OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var kinds = new[] { RequestEventKind.Reply, RequestEventKind.EmailReceived, RequestEventKind.Document, RequestEventKind.Note };
        var events = await ctx.RequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId) && kinds.Contains(e.Kind)).OrderBy(e => e.At).ToListAsync(ct);
        var references = requests.ToDictionary(r => r.Id, r => r.Reference);
        var mail = new List<Correspondence>();
        foreach (var r in requests.Where(r => !string.IsNullOrWhiteSpace(r.Message)))
            mail.Add(new($"message:{r.Reference}", r.ReceivedAt, r.Reference, false, r.Channel.ToString(), r.Subject, r.Message));
        var notes = new List<OfficeNote>();
        foreach (var e in events)
        {
            if (e.Kind == RequestEventKind.Note)
            {
                if (!string.IsNullOrWhiteSpace(e.Text)) notes.Add(new($"note:{e.Id}", e.At, references[e.RequestId], e.ActorName ?? "", e.Text));
                continue;
            }
            var data = Data(e.Data);
            // A document event is a letter only when it went by post; a generated response is listed with the request, not as a message.
            if (e.Kind == RequestEventKind.Document && data.GetValueOrDefault("delivery") != "post") continue;
            mail.Add(new($"event:{e.Id}", e.At, references[e.RequestId], e.Kind != RequestEventKind.EmailReceived, e.Kind == RequestEventKind.Document ? "Letter" : "Email",
                data.GetValueOrDefault("subject") ?? "", e.Text ?? ""));
        }
        return new RequestHistory(
            requests.Select(r => new HeldRequest(r.Reference, r.ReceivedAt, r.Types, r.Channel, r.Status, r.Outcome, r.VerifiedAt, r.VerificationMethod, r.VerificationEvidence)).ToList(),
            mail.OrderBy(m => m.At).ToList(), notes);
    }

    private static Dictionary<string, string?> Data(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Object ? []
                : doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString());
        }
        catch (JsonException) { return []; }
    }
}
