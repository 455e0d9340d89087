using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Portal;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Portal;

/// <summary>
/// The requester portal over real HTTP: the emailed link, the code, the released response and its
/// downloads; and what an attacker tries: guessing codes, other requests' files, dead links.
/// </summary>
public sealed partial class PortalTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";
    private InProcessApp _app = null!;
    private readonly ShiftedClock _clock = new();
    private string _officer = "";
    private int _merchant;

    public async ValueTask InitializeAsync()
    {
        // The outbox's background pass waits an hour: the tests read each message in the outbox before it is sent
        // (sending empties the bodies that hold links and codes; one test sends on purpose).
        _app = await InProcessApp.StartAsync(["Mail:PollSeconds=3600"], services: s => s.AddSingleton<TimeProvider>(_clock));
        _merchant = (await _app.CreateMerchantAsync("laval", "Meubles Laval")).Id;
        _officer = await _app.CreateStaffAsync("officer@laval.example", Password, [Roles.PrivacyOfficer], _merchant);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Uri Base => new(_app.HttpUrl + "/");

    private PrivacyDeskDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext();

    /// <summary>An access request from Hélène, in French, with a response document filed on its timeline.</summary>
    private async Task<(int RequestId, long DocumentEventId, long FileId)> RequestWithDocumentAsync(string email = "helene@example.com")
    {
        await using var scope = _app.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var request = await workflow.LogAsync(new NewRequest(_merchant, [RequestType.Access], RequestChannel.Email, "fr", "Hélène Tremblay", email));
        await using var db = Db();
        var evt = new RequestEvent { RequestId = request.Id, MerchantId = _merchant, At = DateTimeOffset.UtcNow, Kind = RequestEventKind.Document, ActorId = "test", Text = "Réponse d’accès" };
        evt.Attachments.Add(new RequestAttachment { MerchantId = _merchant, FileName = $"reponse-acces-{request.Reference}.pdf", ContentType = "application/pdf",
            Content = "%PDF-1.4 réponse"u8.ToArray(), SizeBytes = 20 });
        db.RequestEvents.Add(evt);
        await db.SaveChangesAsync();
        return (request.Id, evt.Id, evt.Attachments[0].Id);
    }

    private async Task<T> AsOfficer<T>(Func<PortalLinks, Task<T>> act)
    {
        await using var scope = _app.ActAs(_officer);
        return await act(scope.ServiceProvider.GetRequiredService<PortalLinks>());
    }

    /// <summary>The newest outbox message to the requester whose subject contains <paramref name="subject"/>.</summary>
    private async Task<string> MailBodyAsync(int requestId, string subject)
    {
        await using var db = Db();
        return (await db.Outbox.Where(m => m.RequestId == requestId).OrderByDescending(m => m.Id).ToListAsync()).First(m => m.Subject.Contains(subject)).BodyText;
    }

    private async Task<string> LinkAsync(int requestId, string subject = "suivez votre demande") =>
        LinkPattern().Match(await MailBodyAsync(requestId, subject)).Value;

    private static HttpClient Browser(CookieContainer? jar = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar ?? new CookieContainer() });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string url, string form, Dictionary<string, string> fields)
    {
        var html = await http.GetStringAsync(url);
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        return await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = form, ["__RequestVerificationToken"] = token }));
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Asks for a code and types it, as the person does; returns the code.</summary>
    private async Task ConfirmAsync(HttpClient http, string link, int requestId)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(http, link, "portal-send", new() { ["Send"] = "1" })).StatusCode);
        var code = Regex.Match(await MailBodyAsync(requestId, "code de confirmation"), @"\b\d{6}\b").Value;
        var confirmed = await PostFormAsync(http, link, "portal-code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Fact]
    public async Task The_requester_confirms_by_code_follows_the_request_and_downloads_what_was_released()
    {
        var (requestId, documentId, fileId) = await RequestWithDocumentAsync();
        Assert.True((await AsOfficer(p => p.SendLinkAsync(requestId, Base))).Succeeded);
        var link = await LinkAsync(requestId);
        Assert.Matches(@"/portal/[A-Za-z0-9_-]{43}$", link);
        await using (var db = Db())
            Assert.DoesNotContain(link.Split('/')[^1], string.Join("\n", await db.PortalLinks.Select(l => l.TokenHash).ToListAsync())); // stored hashed

        var jar = new CookieContainer();
        using var http = Browser(jar);
        // Before the code: the page names the request and masks the address, and shows nothing of the request.
        var first = WebUtility.HtmlDecode(await http.GetStringAsync(link));
        Assert.Contains("Meubles Laval", first);
        Assert.Contains("h•••@example.com", first);
        Assert.DoesNotContain("helene@example.com", first);
        Assert.DoesNotContain("Où en est-elle", first);

        // A wrong code says how many tries are left; the right one opens the page.
        await PostFormAsync(http, link, "portal-send", new() { ["Send"] = "1" });
        var code = Regex.Match(await MailBodyAsync(requestId, "code de confirmation"), @"\b\d{6}\b").Value;
        var wrong = await PostFormAsync(http, link, "portal-code", new() { ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.Contains("Il vous reste 4 essais", await TextAsync(wrong));
        var confirmed = await PostFormAsync(http, link, "portal-code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains(jar.GetAllCookies(), c => c.Name == PortalSession.CookieName && c.Path == "/portal" && c.HttpOnly);
        Assert.DoesNotContain(jar.GetAllCookies(), c => c.Name == "PrivacyDesk.Auth");

        var page = WebUtility.HtmlDecode(await http.GetStringAsync(link));
        Assert.Contains("accès à vos renseignements personnels", page);
        Assert.Contains("Nous devons répondre au plus tard le", page);
        Assert.Contains("Rien pour l’instant", page);
        // Nothing released yet: the file is not reachable, even by its id.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{link}/files/{fileId}")).StatusCode);

        // The officer releases the response: a new link goes out by email (no data in it), the old one stops working.
        Assert.True((await AsOfficer(p => p.ReleaseAsync(requestId, documentId, Base))).Succeeded);
        var ready = await MailBodyAsync(requestId, "votre réponse est prête");
        Assert.DoesNotContain("helene@example.com", ready);
        Assert.Contains("n’est pas jointe", ready);
        Assert.Contains("data-testid=\"portal-invalid\"", await http.GetStringAsync(link));
        var newLink = await LinkAsync(requestId, "votre réponse est prête");
        await ConfirmAsync(http, newLink, requestId);
        var withFile = WebUtility.HtmlDecode(await http.GetStringAsync(newLink));
        Assert.Contains("reponse-acces-", withFile);
        var download = await http.GetAsync($"{newLink}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.4 réponse", System.Text.Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()));

        // The officer sees the confirmation, the release and the download; the timeline and the audit have them.
        var status = (await AsOfficer(p => p.StatusAsync(requestId)))!;
        Assert.NotNull(status.Link!.EmailConfirmedAt);
        Assert.Equal(1, status.Downloads);
        Assert.NotNull(status.ResponseSentAt);
        await using var check = Db();
        var events = await check.RequestEvents.Where(e => e.RequestId == requestId).Select(e => e.Kind).ToListAsync();
        Assert.Contains(RequestEventKind.PortalEmailConfirmed, events);
        Assert.Contains(RequestEventKind.ResponseReleased, events);
        Assert.Contains(RequestEventKind.PortalDownload, events);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "portal.downloaded"));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "portal.response-released"));
        Assert.DoesNotContain("helene@example.com", string.Join("\n", await check.AuditEntries.Where(a => a.Action.StartsWith("portal.")).Select(a => a.Details ?? "").ToListAsync()));

        // Once sent, no message keeps a working link or code: the outbox empties those bodies (the email has them).
        await _app.Services.GetRequiredService<PrivacyDesk.Features.Intake.Outbox.OutboxSender>().SendDueAsync(CancellationToken.None);
        Assert.Empty(await check.Outbox.AsNoTracking().Where(m => m.RequestId == requestId && m.BodyText.Contains("/portal/")).ToListAsync());
        Assert.Contains(Directory.GetFiles(_app.Outbox, "*.eml"), f => File.ReadAllText(f).Contains(newLink.Split('/')[^1][..20]));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_link_even_across_new_codes_until_the_cool_down_ends()
    {
        var (requestId, _, _) = await RequestWithDocumentAsync();
        await AsOfficer(p => p.SendLinkAsync(requestId, Base));
        var token = (await LinkAsync(requestId)).Split('/')[^1];
        await using var scope = _app.Services.CreateAsyncScope();
        var portal = scope.ServiceProvider.GetRequiredService<RequesterPortal>();
        var access = (await portal.OpenAsync(token))!;
        Assert.Equal(CodeOutcome.Sent, (await portal.SendCodeAsync(access)).Outcome);
        Assert.Equal(CodeOutcome.TooSoon, (await portal.SendCodeAsync(access)).Outcome); // one a minute
        for (var i = 0; i < 3; i++) Assert.Equal(CodeOutcome.Wrong, (await portal.ConfirmAsync(access, "12345x")).Outcome);
        _clock.Offset += TimeSpan.FromMinutes(2);
        Assert.Equal(CodeOutcome.Sent, (await portal.SendCodeAsync(access)).Outcome); // a new code does not reset the count
        Assert.Equal(CodeOutcome.Wrong, (await portal.ConfirmAsync(access, "abcdef")).Outcome);
        var locked = await portal.ConfirmAsync(access, "999999x");
        Assert.Equal(CodeOutcome.Locked, locked.Outcome);
        // Locked: even the right code is not accepted, and no new code is sent.
        var code = Regex.Match(await MailBodyAsync(requestId, "code de confirmation"), @"\b\d{6}\b").Value;
        Assert.Equal(CodeOutcome.Locked, (await portal.ConfirmAsync(access, code)).Outcome);
        Assert.Equal(CodeOutcome.Locked, (await portal.SendCodeAsync(access)).Outcome);
        // After the cool-down a new code works.
        _clock.Offset += TimeSpan.FromMinutes(16);
        Assert.Equal(CodeOutcome.Sent, (await portal.SendCodeAsync(access)).Outcome);
        var fresh = Regex.Match(await MailBodyAsync(requestId, "code de confirmation"), @"\b\d{6}\b").Value;
        Assert.Equal(CodeOutcome.Confirmed, (await portal.ConfirmAsync(access, fresh)).Outcome);

        // A guesser who waits out each cool-down: the third lock ends the link for good.
        for (var round = 2; round <= RequesterPortal.MaxLockouts; round++)
        {
            _clock.Offset += TimeSpan.FromMinutes(16);
            access = (await portal.OpenAsync(token))!;
            Assert.Equal(CodeOutcome.Sent, (await portal.SendCodeAsync(access)).Outcome);
            CodeOutcome last = CodeOutcome.Wrong;
            for (var i = 0; i < 5; i++) last = (await portal.ConfirmAsync(access, "abcdef")).Outcome;
            Assert.Equal(round < RequesterPortal.MaxLockouts ? CodeOutcome.Locked : CodeOutcome.Ended, last);
        }
        Assert.Null(await portal.OpenAsync(token));
        await using var db = Db();
        Assert.Equal(RequesterPortal.MaxLockouts, await db.AuditEntries.CountAsync(a => a.Action == "portal.locked"));
    }

    [Fact]
    public async Task Unknown_expired_and_revoked_links_get_the_same_answer()
    {
        var (expiring, _, _) = await RequestWithDocumentAsync("a@example.com");
        var (revoked, _, _) = await RequestWithDocumentAsync("b@example.com");
        await AsOfficer(p => p.SendLinkAsync(expiring, Base));
        await AsOfficer(p => p.SendLinkAsync(revoked, Base));
        var expiringLink = await LinkAsync(expiring);
        var revokedLink = await LinkAsync(revoked);
        Assert.True((await AsOfficer(p => p.RevokeAsync(revoked))).Succeeded);
        await using (var db = Db())
            await db.PortalLinks.Where(l => l.RequestId == expiring).ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        using var http = Browser();
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var url in new[] { expiringLink, revokedLink, $"{_app.HttpUrl}/portal/{PortalTokens.NewToken()}", $"{_app.HttpUrl}/portal/not-a-token" })
        {
            var r = await http.GetAsync(url);
            // The framework's encrypted state comment differs on every response, whatever the link: left out of the comparison.
            answers.Add((r.StatusCode, Regex.Replace(await r.Content.ReadAsStringAsync(), "<!--Blazor-Server-Component-State:[^>]*-->", "")));
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("portal-invalid", answers[0].Item2);
    }

    [Fact]
    public async Task Another_requests_files_are_unreachable_with_a_confirmed_link()
    {
        var (mine, _, _) = await RequestWithDocumentAsync("a@example.com");
        var (theirs, theirDocument, theirFile) = await RequestWithDocumentAsync("b@example.com");
        await AsOfficer(p => p.ReleaseAsync(theirs, theirDocument, Base));
        await AsOfficer(p => p.SendLinkAsync(mine, Base));
        var link = await LinkAsync(mine);
        using var http = Browser();
        await ConfirmAsync(http, link, mine);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{link}/files/{theirFile}")).StatusCode);
        // And a release names only the request's own documents.
        Assert.False((await AsOfficer(p => p.ReleaseAsync(mine, theirDocument, Base))).Succeeded);
    }

    [Fact]
    public async Task A_proof_is_kept_on_the_timeline_and_a_file_that_is_not_what_it_claims_is_refused()
    {
        var (requestId, _, _) = await RequestWithDocumentAsync();
        await AsOfficer(p => p.SendLinkAsync(requestId, Base));
        var link = await LinkAsync(requestId);
        var jar = new CookieContainer();
        using var http = Browser(jar);
        await ConfirmAsync(http, link, requestId);

        async Task<HttpResponseMessage> UploadAsync(string message, string fileName, byte[] content)
        {
            var html = await http.GetStringAsync(link);
            var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
            var form = new MultipartFormDataContent
            {
                { new StringContent("portal-post"), "_handler" }, { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(message), "Message" },
                { new ByteArrayContent(content), "Proof", fileName },
            };
            return await http.PostAsync(link, form);
        }

        var fake = await UploadAsync("Voici ma pièce", "permis.pdf", "<html><script>alert(1)</script></html>"u8.ToArray());
        Assert.Contains("Seuls les documents PDF, JPEG et PNG", await TextAsync(fake));
        // A PDF named as a web page is kept under the name of what it is: opened by staff, it is a PDF, not a script.
        var good = await UploadAsync("Voici mon permis de conduire <b>recto</b>", "permis.html", "%PDF-1.7 permis"u8.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await http.GetStringAsync(link.Split('?')[0] + "?sent=true");
        Assert.Contains("&lt;b&gt;recto&lt;/b&gt;", page); // the requester's text is text, never HTML
        Assert.Contains("permis.pdf", page);

        await using var db = Db();
        var evt = await db.RequestEvents.Include(e => e.Attachments).SingleAsync(e => e.RequestId == requestId && e.Kind == RequestEventKind.PortalMessage);
        Assert.Equal(("application/pdf", "permis.pdf"), (evt.Attachments.Single().ContentType, evt.Attachments.Single().FileName));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "portal.message"));
    }

    [Fact]
    public async Task The_requester_sees_the_exchange_with_them_and_not_what_staff_wrote_to_others()
    {
        var (requestId, _, _) = await RequestWithDocumentAsync();
        await using (var scope = _app.ActAs(_officer))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            Assert.True((await workflow.ReplyAsync(requestId, "helene@example.com", "Votre demande", "Bonjour Madame, nous traitons votre demande.")).Succeeded);
            Assert.True((await workflow.ReplyAsync(requestId, "avocat@cabinet.example", "Avis juridique", "Maître, la cliente conteste; vos conseils?", toAnotherAddress: true)).Succeeded);
            Assert.True((await workflow.AddNoteAsync(requestId, "Note interne : cliente difficile", [])).Succeeded);
        }
        await AsOfficer(p => p.SendLinkAsync(requestId, Base));
        var link = await LinkAsync(requestId);
        using var http = Browser();
        await ConfirmAsync(http, link, requestId);
        var page = WebUtility.HtmlDecode(await http.GetStringAsync(link));
        Assert.Contains("nous traitons votre demande", page);
        Assert.DoesNotContain("vos conseils", page);
        Assert.DoesNotContain("Note interne", page);
    }

    [Fact]
    public async Task A_link_printed_in_a_letter_opens_the_portal_on_the_merchants_colour_and_replaces_the_emailed_one()
    {
        await using (var db = Db())
            await db.Merchants.Where(m => m.Id == _merchant).ExecuteUpdateAsync(u => u.SetProperty(m => m.BrandColor, "#ffd400"));
        var (requestId, _, _) = await RequestWithDocumentAsync();
        await AsOfficer(p => p.SendLinkAsync(requestId, Base));
        var emailed = await LinkAsync(requestId);
        var (result, printed) = await AsOfficer(p => p.LinkForLetterAsync(requestId, Base));
        Assert.True(result.Succeeded, result.Error);
        Assert.Matches(@"/portal/[A-Za-z0-9_-]{43}$", printed);
        using var http = Browser();
        var page = await http.GetStringAsync(printed);
        // A light colour gets black text (the higher contrast), in the portal's header.
        Assert.Contains("background:#ffd400;color:#000000", page);
        Assert.Contains("data-testid=\"portal-invalid\"", await http.GetStringAsync(emailed));
        await using var check = Db();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "portal.link-printed"));
    }

    [Fact]
    public async Task Closing_a_granted_access_request_whose_response_never_went_out_asks_why()
    {
        var (requestId, documentId, _) = await RequestWithDocumentAsync();
        await using var scope = _app.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        async Task<Guid> V() => (await workflow.GetAsync(requestId))!.Version;
        await using (var db = Db()) // decided as granted (the decision's own rules are tested elsewhere)
            await db.Requests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.Decided).SetProperty(r => r.Outcome, RequestOutcome.Fulfilled));
        var refused = await workflow.CloseAsync(requestId, await V());
        Assert.False(refused.Succeeded);
        Assert.Equal("closeReason", refused.Field);
        var closed = await workflow.CloseAsync(requestId, await V(), "Remise en main propre au magasin");
        Assert.True(closed.Succeeded, closed.Error);
        Assert.Contains(closed.Request!.Events, e => e.Kind == RequestEventKind.Note && e.Text == "Remise en main propre au magasin");
    }

    [Fact]
    public async Task Relying_on_the_email_code_needs_the_code_to_have_been_entered()
    {
        var (requestId, _, _) = await RequestWithDocumentAsync();
        await using var scope = _app.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var early = await workflow.VerifyIdentityAsync(requestId, (await workflow.GetAsync(requestId))!.Version, IdentityVerificationMethod.EmailCodeConfirmed, "Code du portail");
        Assert.False(early.Succeeded);
        Assert.Equal("method", early.Field);
        await AsOfficer(p => p.SendLinkAsync(requestId, Base));
        using var http = Browser();
        await ConfirmAsync(http, await LinkAsync(requestId), requestId);
        var relied = await workflow.VerifyIdentityAsync(requestId, (await workflow.GetAsync(requestId))!.Version, IdentityVerificationMethod.EmailCodeConfirmed, "Code du portail");
        Assert.True(relied.Succeeded, relied.Error);
    }

    private async Task<string> PostWebFormAsync(int merchantId, string email)
    {
        string key;
        await using (var scope = _app.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<PrivacyDesk.Features.Requests.Api.ApiKeyService>().CreateAsync(merchantId, "form", AuditActor.System)).Secret;
        using var http = new HttpClient { BaseAddress = new Uri(_app.HttpUrl) };
        http.DefaultRequestHeaders.Add(PrivacyDesk.Features.Requests.Api.RequestApi.KeyHeader, key);
        var response = await http.PostAsync("/api/v1/requests", new StringContent(
            $$$"""{"type":"erasure","language":"fr","requester":{"name":"Jeanne Roy","email":"{{{email}}}"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<IReadOnlyList<string>> QueueAsync(PrivacyDesk.Features.Requests.Queue.QueueFilter filter)
    {
        await using var scope = _app.ActAs(_officer);
        var page = await scope.ServiceProvider.GetRequiredService<PrivacyDesk.Features.Requests.Queue.RequestQueue>().QueryAsync(new(filter, Take: 100));
        return page.Rows.Select(r => r.Reference).ToList();
    }

    [Fact]
    public async Task A_web_form_request_waits_apart_until_the_requester_confirms_the_address()
    {
        var reply = System.Text.Json.JsonDocument.Parse(await PostWebFormAsync(_merchant, "jeanne@example.ca")).RootElement;
        Assert.Equal("pending", reply.GetProperty("emailConfirmation").GetString());
        var reference = reply.GetProperty("reference").GetString()!;
        var requestId = reply.GetProperty("id").GetInt32();

        // Apart: not in the queue, in its own view, and found by a search; the clock runs from receipt all the same.
        Assert.DoesNotContain(reference, await QueueAsync(new()));
        Assert.Contains(reference, await QueueAsync(new() { AwaitingEmailOnly = true }));
        Assert.Contains(reference, await QueueAsync(new() { Search = reference }));
        var link = await LinkAsync(requestId, "confirmez votre demande");
        Assert.Contains("pour confirmer qu’elle vient de vous", (await MailBodyAsync(requestId, "confirmez votre demande")).ToLowerInvariant());

        using var http = Browser();
        await ConfirmAsync(http, link, requestId);
        Assert.Contains(reference, await QueueAsync(new()));
        Assert.DoesNotContain(reference, await QueueAsync(new() { AwaitingEmailOnly = true }));
    }

    [Fact]
    public async Task A_merchant_that_does_not_ask_for_confirmation_gets_the_request_in_the_queue_at_once()
    {
        await using (var db = Db())
            await db.Merchants.Where(m => m.Id == _merchant).ExecuteUpdateAsync(u => u.SetProperty(m => m.ConfirmWebFormEmail, false));
        var reply = System.Text.Json.JsonDocument.Parse(await PostWebFormAsync(_merchant, "jeanne@example.ca")).RootElement;
        Assert.False(reply.TryGetProperty("emailConfirmation", out _));
        Assert.Contains(reply.GetProperty("reference").GetString()!, await QueueAsync(new()));
    }

    [GeneratedRegex(@"https?://\S+/portal/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
