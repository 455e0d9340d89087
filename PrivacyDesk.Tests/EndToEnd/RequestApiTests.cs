using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>The web-form intake API over real HTTP against the running app, with keys made by its CLI.</summary>
[Collection(AppServerCollection.Name)]
public sealed class RequestApiTests(AppServer app)
{
    private Task<string> KeyForAsync(string slug) => app.ApiKeyAsync(slug);

    private HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Valid = """
        {"type": "access", "language": "fr", "jurisdiction": "CA-QC",
         "requester": {"name": "Hélène Tremblay", "email": "helene.api@example.com", "phone": "514-555-0199", "postalAddress": "12 rue X, Laval QC H7N 1A1"},
         "message": "Je veux une copie de mes renseignements.", "receivedAt": "2026-06-23T15:00:00Z"}
        """;

    private long CountRequests()
    {
        using System.Data.Common.DbConnection connection = app.PostgresConnectionString is { } pg
            ? new Npgsql.NpgsqlConnection(pg)
            : new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Requests\"";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task A_valid_request_is_created_with_its_legal_dates_and_can_be_read_back()
    {
        using var http = Client(await KeyForAsync("mm-laval"));
        var response = await http.PostAsync("/api/v1/requests", Json(Valid));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var reference = body.GetProperty("reference").GetString()!;
        Assert.Matches(@"^PD-2026-\d{6}$", reference);
        Assert.Equal("new", body.GetProperty("status").GetString());
        // Received Tuesday 23 June 2026 in Quebec; 24 June (Fête nationale) is skipped: Thursday 25, Friday 26.
        Assert.Equal("2026-06-26", body.GetProperty("acknowledgementDue").GetString());
        Assert.Equal("2026-07-23", body.GetProperty("legalDue").GetString());
        Assert.Equal("CA-QC", body.GetProperty("jurisdiction").GetString());
        Assert.Contains("30", body.GetProperty("rule").GetString());
        Assert.EndsWith($"/api/v1/requests/{reference}", response.Headers.Location!.ToString());

        var read = await http.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{reference}");
        Assert.Equal("2026-07-23", read.GetProperty("legalDue").GetString());
    }

    [Fact]
    public async Task Without_a_jurisdiction_the_merchants_location_decides()
    {
        using var http = Client(await KeyForAsync("minididou"));
        var json = """{"type": ["erasure", "withdrawal"], "language": "fr", "requester": {"name": "Camille Martin", "email": "camille@example.fr"}, "optOutChannels": ["email", "sms"]}""";
        var response = await http.PostAsync("/api/v1/requests", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("EU", body.GetProperty("jurisdiction").GetString());
    }

    [Theory]
    [InlineData("""{"type": "delete-everything", "language": "fr", "requester": {"name": "A", "email": "a@example.com"}}""", "type")]
    [InlineData("""{"language": "fr", "requester": {"name": "A", "email": "a@example.com"}}""", "type")]
    [InlineData("""{"type": "access", "language": "de", "requester": {"name": "A", "email": "a@example.com"}}""", "language")]
    [InlineData("""{"type": "access", "language": "fr", "jurisdiction": "CA-ON", "requester": {"name": "A", "email": "a@example.com"}}""", "jurisdiction")]
    [InlineData("""{"type": "access", "language": "fr"}""", "requester")]
    [InlineData("""{"type": "access", "language": "fr", "requester": {"email": "a@example.com"}}""", "requester.name")]
    [InlineData("""{"type": "access", "language": "fr", "requester": {"name": "A", "email": "not-an-address"}}""", "requester.email")]
    [InlineData("""{"type": "access", "language": "fr", "requester": {"name": "A"}}""", "requester.contact")]
    [InlineData("""{"type": "access", "language": "fr", "requester": {"name": "A", "email": "a@example.com"}, "receivedAt": "23/06/2026"}""", "receivedAt")]
    [InlineData("""{"type": "access", "language": "fr", "requester": {"name": "A", "email": "a@example.com"}, "receivedAt": "2099-01-01T00:00:00Z"}""", "receivedAt")]
    [InlineData("""{"type": "withdrawal", "language": "fr", "requester": {"name": "A", "email": "a@example.com"}, "optOutChannels": ["pigeon"]}""", "optOutChannels")]
    [InlineData("""{"type": "access", "language": """, "body")]
    public async Task Each_bad_field_is_named_in_a_problem_details_reply_and_nothing_is_created(string json, string field)
    {
        using var http = Client(await KeyForAsync("mm-laval"));
        var before = CountRequests();
        var response = await http.PostAsync("/api/v1/requests", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, CountRequests());
    }

    [Fact]
    public async Task Several_bad_fields_are_reported_together()
    {
        using var http = Client(await KeyForAsync("mm-laval"));
        var response = await http.PostAsync("/api/v1/requests", Json("""{"type": "x", "language": "de", "requester": {"name": ""}}"""));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("requester.name", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pdk_not-a-real-key")]
    [InlineData("Bearer something")]
    public async Task A_missing_or_unknown_key_gets_401(string? key)
    {
        using var http = Client(key);
        var before = CountRequests();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/v1/requests", Json(Valid))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/requests/PD-2026-000001")).StatusCode);
        Assert.Equal(before, CountRequests());
    }

    [Fact]
    public async Task A_merchants_key_cannot_read_another_merchants_request()
    {
        using var laval = Client(await KeyForAsync("mm-laval"));
        var created = await (await laval.PostAsync("/api/v1/requests", Json(Valid))).Content.ReadFromJsonAsync<JsonElement>();
        var reference = created.GetProperty("reference").GetString();

        using var other = Client(await KeyForAsync("nordtel"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/requests/{reference}")).StatusCode);
    }
}
