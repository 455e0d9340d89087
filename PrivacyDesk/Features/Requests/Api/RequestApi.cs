using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests.Api;

/// <summary>
/// The intake API for a merchant's website privacy form: POST /api/v1/requests and
/// GET /api/v1/requests/{reference}, authenticated by the merchant's key in X-Api-Key.
/// </summary>
public static class RequestApi
{
    public const string KeyHeader = "X-Api-Key";

    public sealed record RequesterBody(string? Name, string? Email, string? Phone, string? PostalAddress);

    public sealed record CreateBody(
        JsonElement? Type, string? Language, string? Jurisdiction, RequesterBody? Requester, string? Message,
        string? Subject, JsonElement? ReceivedAt, string[]? OptOutChannels);

    public sealed record RequestReply(
        int Id, string Reference, string Status, DateOnly AcknowledgementDue, DateOnly LegalDue,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? ExtendedDue,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? ReceiptConfirmationDue,
        string Jurisdiction, string Rule)
    {
        /// <summary>"pending" while the requester has not confirmed the address through the emailed link (absent otherwise).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EmailConfirmation { get; init; }
    }

    public static void MapRequestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/requests").AllowAnonymous().DisableAntiforgery();
        group.MapPost("", CreateAsync);
        group.MapGet("/{reference}", GetAsync);
    }

    /// <summary>A form post is a few kilobytes; the largest valid one (a 100,000-character message) is well under this.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static async Task<Results<Created<RequestReply>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> CreateAsync(
        HttpContext http, ApiKeyService keys, IDbContextFactory<PrivacyDeskDbContext> factory, RequestIntake intake,
        DeadlineExplainer explainer, Portal.WebFormConfirmation confirmation, CancellationToken ct)
    {
        var merchantId = await keys.AuthenticateAsync(http.Request.Headers[KeyHeader], ct);
        if (merchantId is null) return TypedResults.Unauthorized();

        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        CreateBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<CreateBody>(JsonOptions, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (JsonException ex)
        {
            // Where it broke, in the caller's terms; the parser's own message names our types and is not for callers.
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"The body is not valid JSON for this API{where}. See the README for its fields."] });
        }
        catch (InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON body with Content-Type: application/json."] });
        }
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON object is required."] });

        var (command, errors) = ToCommand(body, merchantId.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var db = factory.CreateDbContext().WithScope(MerchantScope.Only([merchantId.Value]), new AuditActor("api", "Web-form API"));
        try
        {
            // One unit: the request and, when the merchant asks for it, the confirmation that keeps it apart until the
            // requester confirms the address. A failure in between leaves neither (no request in the queue unasked).
            await using var tx = await db.Database.BeginWriteAsync(ct);
            var request = await intake.OpenAsync(db, command!, ct);
            var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
            if (await confirmation.AskAsync(db, request, merchant, new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/"), ct))
                await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/requests/{request.Reference}",
                Reply(request, intake.DeadlinesFor(merchant, request.Jurisdiction, request.ReceivedAt, request.Types), explainer));
        }
        catch (RequestValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value));
        }
    }

    private static async Task<Results<Ok<RequestReply>, NotFound, UnauthorizedHttpResult>> GetAsync(
        string reference, HttpContext http, ApiKeyService keys, IDbContextFactory<PrivacyDeskDbContext> factory, RequestIntake intake,
        DeadlineExplainer explainer, CancellationToken ct)
    {
        var merchantId = await keys.AuthenticateAsync(http.Request.Headers[KeyHeader], ct);
        if (merchantId is null) return TypedResults.Unauthorized();
        await using var db = factory.CreateDbContext().WithScope(MerchantScope.Only([merchantId.Value]), new AuditActor("api", "Web-form API"));
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference.ToUpperInvariant(), ct);
        if (request is null) return TypedResults.NotFound();
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == request.MerchantId, ct);
        return TypedResults.Ok(Reply(request, intake.DeadlinesFor(merchant, request.Jurisdiction, request.ReceivedAt, request.Types), explainer));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.",
            detail: $"A request body may be at most {MaxBodyBytes / 1024} KB.");

    /// <summary>Maps the body to a command, collecting every bad field at once.</summary>
    internal static (NewRequest? Command, Dictionary<string, string[]> Errors) ToCommand(CreateBody body, int merchantId)
    {
        var errors = new Dictionary<string, string[]>();
        var types = new List<RequestType>();
        const string typeHelp = "Use one of: access, rectification, erasure, withdrawal, objection, portability, complaint, other.";
        switch (body.Type)
        {
            case { ValueKind: JsonValueKind.String } single:
                if (RequestTypeCodes.Parse(single.GetString()) is { } t) types.Add(t); else errors["type"] = [$"Unknown type '{single.GetString()}'. {typeHelp}"];
                break;
            case { ValueKind: JsonValueKind.Array } many:
                foreach (var item in many.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && RequestTypeCodes.Parse(item.GetString()) is { } one) types.Add(one);
                    else { errors["type"] = [$"Unknown type '{item}'. {typeHelp}"]; break; }
                }
                if (types.Count == 0 && !errors.ContainsKey("type")) errors["type"] = ["At least one type is required."];
                break;
            default:
                errors["type"] = ["The request type is required. " + typeHelp];
                break;
        }

        if (body.Language is not ("fr" or "en")) errors["language"] = ["Language must be 'fr' or 'en'."];

        Jurisdiction? jurisdiction = null;
        if (body.Jurisdiction is not null)
        {
            jurisdiction = JurisdictionCodes.Parse(body.Jurisdiction);
            if (jurisdiction is null) errors["jurisdiction"] = [$"Unknown jurisdiction '{body.Jurisdiction}'. Use CA-QC, CA, EU or US-CA, or leave it out."];
        }

        DateTimeOffset? receivedAt = null;
        if (body.ReceivedAt is { ValueKind: not JsonValueKind.Null } raw)
        {
            if (raw.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(raw.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var parsed) && raw.GetString()!.Contains('T')
                    && (raw.GetString()!.EndsWith('Z') || raw.GetString()!.LastIndexOfAny(['+', '-']) > raw.GetString()!.IndexOf('T')))
                receivedAt = parsed.ToUniversalTime();
            else errors["receivedAt"] = ["Use an ISO 8601 time with its offset, e.g. 2027-06-23T15:00:00Z."];
        }

        var optOut = ContactChannels.None;
        foreach (var channel in body.OptOutChannels ?? [])
        {
            if (Enum.TryParse<ContactChannels>(channel, ignoreCase: true, out var c) && c != ContactChannels.None && !int.TryParse(channel, out _)) optOut |= c;
            else errors["optOutChannels"] = [$"Unknown channel '{channel}'. Use email, sms, phone or post."];
        }

        var requester = body.Requester;
        if (requester is null) errors["requester"] = ["The requester (name and a way to reach them) is required."];
        else
        {
            if (string.IsNullOrWhiteSpace(requester.Name)) errors["requester.name"] = ["The requester's name is required."];
            if (!string.IsNullOrWhiteSpace(requester.Email) && !RequestIntake.LooksLikeEmail(requester.Email.Trim())) errors["requester.email"] = ["Not a valid email address."];
            if (string.IsNullOrWhiteSpace(requester.Email) && string.IsNullOrWhiteSpace(requester.Phone) && string.IsNullOrWhiteSpace(requester.PostalAddress))
                errors["requester.contact"] = ["Give at least one way to reach the requester: email, phone or postalAddress."];
        }
        if (errors.Count > 0) return (null, errors);

        return (new NewRequest(merchantId, types, RequestChannel.WebForm, body.Language!, requester!.Name!, requester.Email, requester.Phone,
            requester.PostalAddress, body.Subject, body.Message, jurisdiction, receivedAt, optOut), errors);
    }

    private static RequestReply Reply(PrivacyRequest r, DeadlineSet deadlines, DeadlineExplainer explainer) =>
        new(r.Id, r.Reference, r.Status.ToString().ToLowerInvariant(), r.AcknowledgementDue, r.LegalDue, r.ExtendedDue, r.ReceiptConfirmationDue,
            r.Jurisdiction.Code(), string.Join(" ", explainer.Explain(deadlines, r.Language)))
        { EmailConfirmation = r.AwaitingEmailConfirmation ? "pending" : null };
}
