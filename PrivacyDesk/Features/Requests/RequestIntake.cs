using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests;

/// <summary>Validation problems of a new request, by field (the API returns them as problem details).</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Opens requests from every intake channel: validates, numbers, starts the legal clocks, flags
/// duplicates and writes the first timeline event and audit record, in one transaction.
/// </summary>
public sealed class RequestIntake(TimeProvider clock)
{
    /// <param name="callerSaves">Inside the caller's transaction only: the timeline and audit record are left for the caller's next save (mail intake saves them with the message).</param>
    public async Task<PrivacyRequest> OpenAsync(PrivacyDeskDbContext db, NewRequest cmd, CancellationToken ct = default, bool callerSaves = false)
    {
        Validate(cmd, clock.GetUtcNow());
        var merchant = await MerchantAsync(db, cmd.MerchantId, ct)
            ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["merchant"] = ["Unknown merchant."] });

        var now = clock.GetUtcNow();
        var receivedAt = cmd.ReceivedAt ?? now;
        var jurisdiction = cmd.Jurisdiction ?? JurisdictionCodes.ForLocation(merchant.Country, merchant.Province);
        var types = cmd.Types.Distinct().Order().ToList();
        var deadlines = DeadlinesFor(merchant, jurisdiction, receivedAt, types);

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginWriteAsync(ct) : null;
        var reference = await NextReferenceAsync(db, receivedAt.Year, ct);
        var request = new PrivacyRequest
        {
            MerchantId = merchant.Id,
            Reference = reference,
            Type = types[0],
            TypeCodes = RequestTypeCodes.Join(types),
            OptOutChannels = cmd.OptOutChannels,
            Channel = cmd.Channel,
            Jurisdiction = jurisdiction,
            Language = cmd.Language,
            RequesterName = cmd.RequesterName.Trim(),
            RequesterEmail = Clean(cmd.RequesterEmail)?.ToLowerInvariant(),
            RequesterPhone = Clean(cmd.RequesterPhone),
            RequesterPostalAddress = Clean(cmd.RequesterPostalAddress),
            CustomerId = cmd.CustomerId,
            AgentName = Clean(cmd.AgentName),
            AgentRelationship = Clean(cmd.AgentRelationship),
            AgentProofOfAuthority = Clean(cmd.AgentProofOfAuthority),
            // What people write may hold a card number (a disputed charge): it is kept masked (PCI DSS 3.4).
            Subject = Documents.CardNumbers.Mask(Clean(cmd.Subject)) ?? "",
            Message = Documents.CardNumbers.Mask(cmd.Message) ?? "",
            Status = RequestStatus.New,
            ReceivedAt = receivedAt,
            ReceivedOn = deadlines.ReceivedOn,
            AcknowledgementDue = deadlines.AcknowledgementDue,
            ReceiptConfirmationDue = deadlines.ReceiptConfirmationDue,
            LegalDue = deadlines.LegalDue,
            EffectiveDue = deadlines.LegalDue,
            CreatedAt = now,
            UpdatedAt = now,
        };
        request.SearchText = SearchText.Of(request.Reference, request.RequesterName, request.RequesterEmail, request.RequesterPhone, request.Subject);

        var duplicateOf = await FindOpenDuplicateAsync(db, request, ct);
        request.PossibleDuplicateOfId = duplicateOf?.Id;

        db.Requests.Add(request);
        await db.SaveChangesAsync(ct);

        AddEvent(db, request, RequestEventKind.Created, null, new { channel = request.Channel.ToString(), types = request.TypeCodes, jurisdiction = jurisdiction.Code() });
        if (duplicateOf is not null)
            AddEvent(db, request, RequestEventKind.DuplicateFlagged, null, new { duplicateOf = duplicateOf.Reference, duplicateOfId = duplicateOf.Id });
        db.Audit("request.created", nameof(PrivacyRequest), request.Id, request.MerchantId, new
        {
            request.Reference, request.TypeCodes, channel = request.Channel.ToString(), jurisdiction = jurisdiction.Code(),
            receivedAt, legalDue = request.LegalDue, ackDue = request.AcknowledgementDue,
        });
        if (tx is not null || !callerSaves) await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return request;
    }

    /// <summary>The merchant's settings, read once per context (intake opens a batch of requests through one).</summary>
    public static Task<Merchant?> MerchantAsync(PrivacyDeskDbContext db, int merchantId, CancellationToken ct) =>
        db.RememberAsync($"merchant:{merchantId}", () => db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == merchantId, ct));

    /// <param name="types">The request's types: under the CCPA an opt-out of sale or sharing (a withdrawal) has its own, shorter clock.</param>
    public DeadlineSet DeadlinesFor(Merchant merchant, Jurisdiction jurisdiction, DateTimeOffset receivedAt, IReadOnlyCollection<RequestType> types) =>
        DeadlineCalculator.Compute(new DeadlineInput(jurisdiction, receivedAt,
            JurisdictionCodes.TimeZoneFor(merchant.Country, merchant.Province),
            JurisdictionCodes.CalendarFor(merchant.Country, merchant.Province),
            merchant.AcknowledgementBusinessDays,
            OptOutOfSaleOrSharing: types.Contains(RequestType.Withdrawal)));

    internal static RequestEvent AddEvent(PrivacyDeskDbContext db, PrivacyRequest request, RequestEventKind kind, string? text, object? data = null)
    {
        var evt = new RequestEvent
        {
            RequestId = request.Id,
            MerchantId = request.MerchantId,
            At = DateTimeOffset.UtcNow,
            Kind = kind,
            ActorId = db.Actor.Id,
            ActorName = db.Actor.Name,
            // Mail bodies, notes and replies land here: a card number in them is kept masked.
            Text = Documents.CardNumbers.Mask(text),
            Data = data is null ? null : JsonSerializer.Serialize(data, AuditJson.Options),
        };
        db.RequestEvents.Add(evt);
        return evt;
    }

    /// <summary>
    /// An open request of the same main type from the same person (email, phone or customer), the earliest.
    /// One indexed lookup per thing known of the person: written as one query with OR'ed optional terms,
    /// SQLite scanned all of the merchant's requests, which made a 10,000-message intake quadratic.
    /// </summary>
    private static async Task<PrivacyRequest?> FindOpenDuplicateAsync(PrivacyDeskDbContext db, PrivacyRequest r, CancellationToken ct)
    {
        var openStatuses = OpenStatuses;
        var open = db.Requests.AsNoTracking().Where(o => o.MerchantId == r.MerchantId && o.Type == r.Type && openStatuses.Contains(o.Status));
        var found = new List<PrivacyRequest>();
        if (r.RequesterEmail is { } email && await open.Where(o => o.RequesterEmail == email).OrderBy(o => o.ReceivedAt).FirstOrDefaultAsync(ct) is { } byEmail)
            found.Add(byEmail);
        if (r.RequesterPhone is { } phone && await open.Where(o => o.RequesterPhone == phone).OrderBy(o => o.ReceivedAt).FirstOrDefaultAsync(ct) is { } byPhone)
            found.Add(byPhone);
        if (r.CustomerId is { } customer && await open.Where(o => o.CustomerId == customer).OrderBy(o => o.ReceivedAt).FirstOrDefaultAsync(ct) is { } byCustomer)
            found.Add(byCustomer);
        return found.OrderBy(o => o.ReceivedAt).ThenBy(o => o.Id).FirstOrDefault();
    }

    public static readonly RequestStatus[] OpenStatuses =
        [RequestStatus.New, RequestStatus.Acknowledged, RequestStatus.AwaitingVerification, RequestStatus.InProgress];

    private static async Task<string> NextReferenceAsync(PrivacyDeskDbContext db, int year, CancellationToken ct)
    {
        // An UPSERT with RETURNING is atomic in SQLite and PostgreSQL alike: two intakes (or two nodes) never get
        // the same number. Quoted names: PostgreSQL folds unquoted ones to lower case.
        // It is the first write of a new request, so a database that cannot take writes fails here:
        // said as such (StorageUnavailableException), like a failed save.
        var next = await StorageUnavailableException.TranslateAsync(() => db.Database.SqlQuery<int>($"""
            INSERT INTO "ReferenceSequences" ("Year", "Next") VALUES ({year}, 2)
            ON CONFLICT("Year") DO UPDATE SET "Next" = "ReferenceSequences"."Next" + 1
            RETURNING "Next" - 1 AS "Value"
            """).ToListAsync(ct));
        return $"PD-{year}-{next.Single():D6}";
    }

    public const int MaxMessage = 100_000, MaxEmail = 320, MaxPhone = 40, MaxPostalAddress = 500, MaxSubject = 500;

    private static void Validate(NewRequest cmd, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (cmd.Types.Count == 0) errors["type"] = ["At least one request type is required."];
        if (cmd.Language is not ("fr" or "en")) errors["language"] = ["Language must be 'fr' or 'en'."];
        if (string.IsNullOrWhiteSpace(cmd.RequesterName)) errors["requester.name"] = ["The requester's name is required."];
        else if (cmd.RequesterName.Length > 200) errors["requester.name"] = ["The name is longer than 200 characters."];
        if (Clean(cmd.RequesterEmail) is { } email && !LooksLikeEmail(email)) errors["requester.email"] = ["Not a valid email address."];
        if (Clean(cmd.RequesterEmail) is null && Clean(cmd.RequesterPhone) is null && Clean(cmd.RequesterPostalAddress) is null)
            errors["requester"] = ["Give at least one way to reach the requester: email, phone or postal address."];
        if (cmd.ReceivedAt is { } at && at > now.AddMinutes(5)) errors["receivedAt"] = ["The receipt time is in the future."];
        if (cmd.ReceivedAt is { } old && old < now.AddYears(-3)) errors["receivedAt"] = ["The receipt time is more than three years ago."];
        if (cmd.Message?.Length > MaxMessage) errors["message"] = ["The message is longer than 100,000 characters."];
        // Every field has a cap, whatever the channel: a web form or a mail header must not store megabytes in a name.
        if (cmd.RequesterEmail?.Trim().Length > MaxEmail) errors["requester.email"] = [$"The email address is longer than {MaxEmail} characters."];
        if (cmd.RequesterPhone?.Trim().Length > MaxPhone) errors["requester.phone"] = [$"The phone number is longer than {MaxPhone} characters."];
        if (cmd.RequesterPostalAddress?.Trim().Length > MaxPostalAddress) errors["requester.postalAddress"] = [$"The postal address is longer than {MaxPostalAddress} characters."];
        if (cmd.Subject?.Trim().Length > MaxSubject) errors["subject"] = [$"The subject is longer than {MaxSubject} characters."];
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    internal static bool LooksLikeEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at == s.LastIndexOf('@') && at < s.Length - 3 && s[(at + 1)..].Contains('.') && !s.Any(char.IsWhiteSpace);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
