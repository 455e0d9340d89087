using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// The app's logs (ours and the framework's, down to Debug) while people's data flows through it:
/// sign-ins right and wrong, a request from the web-form API, mail in and quarantined, an
/// acknowledgement that cannot be sent. No name, address, email or subject of a person appears.
/// </summary>
public sealed class LogPrivacyTests
{
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string category) => new Logger(category, Lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Debug;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{level} {category}: {formatter(state, exception)} {exception}");
        }
    }

    [Fact]
    public async Task Personal_data_that_flows_through_the_app_never_reaches_its_logs()
    {
        var logs = new CapturedLogs();
        // SMTP to a closed port: the acknowledgement fails and its error is logged.
        await using var app = await InProcessApp.StartAsync(
            ["Logging:LogLevel:Default=Debug", "Logging:LogLevel:Microsoft.AspNetCore=Debug", "Logging:LogLevel:Microsoft.EntityFrameworkCore=Debug",
             "Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={InProcessApp.FreePort()}",
             "Mail:SmtpStartTls=false"],
            // Only our capture: the console would drown the test output in Debug lines.
            services: s => s.AddLogging(b => { b.ClearProviders(); b.AddProvider(logs); }));
        await app.CreateAdminAsync("admin@logs.example", "Correct-Horse-42");
        var factory = app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>();
        int merchantId;
        await using (var db = factory.CreateSystemContext())
        {
            var created = await MerchantService.CreateInAsync(db, new MerchantInput("journal", "Journal Inc.", null, null, "CA", "QC", "fr", "Agent", "vie-privee@journal.example", null, null),
                app.Services.GetRequiredService<UiText>(), TimeProvider.System, CancellationToken.None);
            merchantId = created.Merchant!.Id;
            var merchant = await db.Merchants.SingleAsync(m => m.Id == merchantId);
            merchant.AutoAcknowledge = true;
            await db.SaveChangesAsync();
        }

        // Sign-ins: a wrong password, then the right one.
        using (var bad = new HttpClient { BaseAddress = new Uri(app.HttpUrl) })
            await bad.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "admin@logs.example", ["Input.Password"] = "wrong" }));
        using var staff = await StaffHttp.SignInAsync(app.HttpUrl, "admin@logs.example", "Correct-Horse-42");
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/requests")).StatusCode);

        // A request from the merchant's web form.
        var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(merchantId, "site", AuditActor.System);
        using (var api = new HttpClient { BaseAddress = new Uri(app.HttpUrl) })
        {
            api.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
            var posted = await api.PostAsync("/api/v1/requests", new StringContent("""
                {"type": "access", "language": "fr", "requester": {"name": "Ginette Confidentielle", "email": "ginette.confidentielle@example.com", "phone": "514-555-0177"},
                 "message": "Mon dossier médical chez vous"}
                """, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        // The web form's confirmation link (the merchant asks for it by default), opened by the requester: its token is a credential.
        string token;
        await using (var db = factory.CreateSystemContext())
            token = System.Text.RegularExpressions.Regex.Match((await db.Outbox.SingleAsync(m => m.BodyText.Contains("/portal/"))).BodyText, "/portal/([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(43, token.Length);
        using (var requester = new HttpClient { BaseAddress = new Uri(app.HttpUrl) })
        {
            Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync("/portal/" + token)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await requester.GetAsync($"/portal/{token}/files/1")).StatusCode);
        }

        // Mail: a request and a message without a sender (quarantined).
        var intake = app.Services.GetRequiredService<MailIntake>();
        var mail = await intake.IngestAsync(merchantId, Encoding.UTF8.GetBytes(
            "From: Rosaire Secret <rosaire.secret@example.org>\r\nTo: vie-privee@journal.example\r\nSubject: Effacez Rosaire Secret\r\nMessage-ID: <log-1@example.org>\r\n\r\nSupprimez mon compte, j'habite au 12 rue Discrète.\r\n"),
            "upload:demande.eml", null, AuditActor.System);
        Assert.NotNull(mail.RequestId);
        await intake.IngestAsync(merchantId, Encoding.UTF8.GetBytes("Subject: Anonyme Discret\r\n\r\nbonjour\r\n"), "upload:x.eml", null, AuditActor.System);

        // The outbox tries (and fails) to send the acknowledgements, as its background pass does.
        Assert.Equal(0, await app.Services.GetRequiredService<PrivacyDesk.Features.Intake.Outbox.OutboxSender>().SendDueAsync(CancellationToken.None));
        Assert.Contains(logs.Lines, l => l.Contains("Outbox message", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Mail ", StringComparison.Ordinal) && l.Contains("Quarantined", StringComparison.Ordinal));

        string[] personal =
        [
            "admin@logs.example", "Ginette", "Confidentielle", "ginette.confidentielle", "514-555-0177", "dossier médical",
            "Rosaire", "rosaire.secret", "Effacez", "rue Discrète", "Anonyme Discret", token,
        ];
        var leaks = logs.Lines.SelectMany(line => personal.Where(p => line.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"«{p}» in: {line[..Math.Min(line.Length, 300)]}")).ToList();
        Assert.True(logs.Lines.Count > 50, $"only {logs.Lines.Count} log lines captured");
        File.WriteAllLines(Path.Combine(RepoPaths.TestOutput, "log-privacy.txt"), logs.Lines);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }
}
