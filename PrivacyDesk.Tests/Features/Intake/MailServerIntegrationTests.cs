using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>Intake against a real Dovecot (IMAP) and a real aiosmtpd (SMTP) on loopback.</summary>
public sealed class MailServerIntegrationTests
{
    private static async Task<int> AddImapSourceAsync(TestHost host, int merchantId, DovecotServer dovecot, ImapAuthMethod auth, string? processedFolder = null, string? password = null)
    {
        await using var db = host.SystemDb();
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ImapPoller.SecretPurpose);
        var source = new MailSource
        {
            Name = "imap-" + auth, MerchantId = merchantId, Kind = MailSourceKind.Imap, ImapHost = "127.0.0.1", ImapPort = dovecot.Port,
            ImapSecurity = ImapSecurity.None, AllowPlaintextLoopback = true, ImapAuth = auth, ImapUser = dovecot.User,
            ImapSecretProtected = protector.Protect(password ?? dovecot.Password), ImapProcessedFolder = processedFolder,
        };
        db.MailSources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    private static byte[][] Requests(int n) => Enumerable.Range(1, n).Select(i => MailIntakeTests.Eml(
        $"Client {i} <client{i}@example.com>", i % 2 == 0 ? "Suppression de mon compte" : "Access request",
        i % 2 == 0 ? "Je veux que vous supprimiez toutes mes données." : "Please send me a copy of all the personal data you hold about me.",
        $"imap-{i}-{Guid.NewGuid():N}@example.com")).ToArray();

    [Fact]
    public async Task Messages_appended_over_IMAP_become_requests_once_replies_thread_and_acknowledgements_reach_SMTP()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await TestHost.CreateAsync("Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={smtp.Port}", "Mail:SmtpStartTls=false");
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var sourceId = await AddImapSourceAsync(host, merchant.Id, dovecot, ImapAuthMethod.Login);
        var worker = host.Services.GetRequiredService<MailPollingWorker>();
        const int n = 6;
        dovecot.Append("INBOX", Requests(n));

        var first = await worker.PollOneAsync(sourceId, CancellationToken.None);
        var second = await worker.PollOneAsync(sourceId, CancellationToken.None);

        Assert.True(first.Error is null, first.Error + dovecot.Log());
        Assert.Equal(n, first.Imported);
        Assert.Equal(0, second.Imported);
        Assert.Equal((n, 0), dovecot.Count("INBOX")); // all marked \Seen, only after commit
        await using (var db = host.SystemDb())
        {
            Assert.Equal(n, await db.Requests.CountAsync());
            Assert.Equal(n / 2, await db.Requests.CountAsync(r => r.Type == RequestType.Erasure && r.Language == "fr"));
            var source = await db.MailSources.SingleAsync();
            Assert.NotNull(source.UidValidity);
            Assert.Equal(n, source.ImportedCount);
        }

        var sent = await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        Assert.Equal(n, sent);
        var delivered = smtp.Messages().Select(b => MailParsing.Parse(b).Message!).ToList();
        Assert.Equal(n, delivered.Count);
        await using (var db = host.SystemDb())
        {
            var request = await db.Requests.OrderBy(r => r.Id).FirstAsync();
            var ack = delivered.Single(m => m.To.Mailboxes.Single().Address == request.RequesterEmail);
            Assert.Matches($@"\[{request.Reference}/[0-9a-f]{{8}}\]", ack.Subject);
            Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
            Assert.Contains(request.Reference, ack.TextBody);

            // The person answers the acknowledgement from their mail client: it threads by headers and tag.
            var reply = MailIntakeTests.Eml(request.RequesterName + " <" + request.RequesterEmail + ">", "Re: " + ack.Subject,
                "Here is my customer number: 5512.", "reply-" + Guid.NewGuid().ToString("N") + "@example.com", inReplyTo: ack.MessageId);
            dovecot.Append("INBOX", reply);
        }
        var third = await worker.PollOneAsync(sourceId, CancellationToken.None);
        Assert.Equal(1, third.Imported);
        await using (var db = host.SystemDb())
        {
            Assert.Equal(n, await db.Requests.CountAsync());
            var request = await db.Requests.OrderBy(r => r.Id).FirstAsync();
            var texts = await db.RequestEvents.Where(e => e.RequestId == request.Id && e.Kind == RequestEventKind.EmailReceived).Select(e => e.Text).ToListAsync();
            Assert.Contains(texts, t => t!.Contains("customer number: 5512"));
            Assert.Equal(2, await db.RequestEvents.CountAsync(e => e.RequestId == request.Id && e.Kind == RequestEventKind.EmailReceived));
        }
    }

    [Fact]
    public async Task Processed_mail_can_be_moved_to_a_folder_with_AUTHENTICATE_PLAIN()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var sourceId = await AddImapSourceAsync(host, merchant.Id, dovecot, ImapAuthMethod.Plain, processedFolder: "Processed");
        dovecot.Append("INBOX", Requests(3));

        var result = await host.Services.GetRequiredService<MailPollingWorker>().PollOneAsync(sourceId, CancellationToken.None);

        Assert.True(result.Error is null, result.Error);
        Assert.Equal(3, result.Imported);
        Assert.Equal(0, dovecot.Count("INBOX").Total);
        Assert.Equal(3, dovecot.Count("Processed").Total);
    }

    [Fact]
    public async Task A_wrong_password_is_recorded_on_the_mailbox_and_nothing_is_lost()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var sourceId = await AddImapSourceAsync(host, merchant.Id, dovecot, ImapAuthMethod.Login, password: "wrong-password");
        dovecot.Append("INBOX", Requests(2));

        var result = await host.Services.GetRequiredService<MailPollingWorker>().PollOneAsync(sourceId, CancellationToken.None);

        Assert.Equal(0, result.Imported);
        Assert.Contains("LOGIN failed", result.Error);
        Assert.DoesNotContain("wrong-password", result.Error); // the secret never reaches logs or the UI
        await using var db = host.SystemDb();
        Assert.Contains("LOGIN failed", (await db.MailSources.SingleAsync()).LastError);
        Assert.Equal((2, 2), dovecot.Count("INBOX"));
    }

    [Fact]
    public async Task Plain_text_IMAP_is_refused_unless_allowed_for_loopback()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var client = new ImapSession();
        var e = await Assert.ThrowsAsync<ImapException>(() =>
            client.ConnectAsync("127.0.0.1", dovecot.Port, ImapSecurity.None, allowPlaintextLoopback: false, CancellationToken.None));
        Assert.Contains("Plain-text IMAP is refused", e.Message);
    }
}

/// <summary>MailKit, as our mailboxes configure it, over TLS against Dovecot with a self-signed certificate: implicit TLS, STARTTLS, and validation that refuses an untrusted certificate.</summary>
public sealed class ImapTlsTests
{
    [Fact]
    public async Task Implicit_TLS_and_STARTTLS_work_and_an_untrusted_certificate_is_refused()
    {
        await using var dovecot = await DovecotServer.StartAsync(tls: true);

        await using (var tls = new ImapSession())
        {
            await tls.ConnectAsync("127.0.0.1", dovecot.TlsPort, ImapSecurity.Tls, false, CancellationToken.None, pinnedCertificateSha256: dovecot.CertificateSha256);
            Assert.True(tls.Client.IsSecure);
            await tls.AuthenticateAsync(ImapAuthMethod.Plain, dovecot.User, dovecot.Password, CancellationToken.None);
            await tls.OpenAsync("INBOX", CancellationToken.None);
            Assert.True(tls.UidValidity > 0);
        }
        await using (var starttls = new ImapSession())
        {
            await starttls.ConnectAsync("127.0.0.1", dovecot.Port, ImapSecurity.StartTls, false, CancellationToken.None, pinnedCertificateSha256: dovecot.CertificateSha256);
            Assert.True(starttls.Client.IsSecure); // upgraded before anything else was said
            await starttls.AuthenticateAsync(ImapAuthMethod.Login, dovecot.User, dovecot.Password, CancellationToken.None);
        }
        await using (var untrusted = new ImapSession())
            await Assert.ThrowsAsync<MailKit.Security.SslHandshakeException>(() =>
                untrusted.ConnectAsync("127.0.0.1", dovecot.TlsPort, ImapSecurity.Tls, false, CancellationToken.None));
        await using (var wrongPin = new ImapSession())
            await Assert.ThrowsAsync<MailKit.Security.SslHandshakeException>(() =>
                wrongPin.ConnectAsync("127.0.0.1", dovecot.TlsPort, ImapSecurity.Tls, false, CancellationToken.None, pinnedCertificateSha256: new string('A', 64)));

        // The same through a mailbox with the certificate pinned: mail arrives over STARTTLS.
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        int sourceId;
        await using (var db = host.SystemDb())
        {
            var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ImapPoller.SecretPurpose);
            var source = new MailSource
            {
                Name = "tls", MerchantId = merchant.Id, Kind = MailSourceKind.Imap, ImapHost = "127.0.0.1", ImapPort = dovecot.Port,
                ImapSecurity = ImapSecurity.StartTls, ImapUser = dovecot.User, ImapSecretProtected = protector.Protect(dovecot.Password),
                ImapCertificateSha256 = dovecot.CertificateSha256,
            };
            db.MailSources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }
        dovecot.Append("INBOX", MailIntakeTests.Eml("a@example.com", "Unsubscribe", "Stop sending me emails.", "tls-1@example.com"));
        var result = await host.Services.GetRequiredService<MailPollingWorker>().PollOneAsync(sourceId, CancellationToken.None);
        Assert.True(result.Error is null, result.Error);
        Assert.Equal(1, result.Imported);
    }
}

/// <summary>XOAUTH2 with a supplied token, against Dovecot checking tokens with a real introspection endpoint.</summary>
public sealed class ImapXOAuth2Tests
{
    [Fact]
    public async Task A_valid_token_signs_in_and_a_refused_token_is_reported()
    {
        await using var dovecot = await DovecotServer.StartAsync(oauth: true);
        await using (var client = new ImapSession())
        {
            await client.ConnectAsync("127.0.0.1", dovecot.Port, ImapSecurity.None, allowPlaintextLoopback: true, CancellationToken.None);
            await client.AuthenticateAsync(ImapAuthMethod.XOAuth2, dovecot.User, dovecot.OAuthToken, CancellationToken.None);
            await client.OpenAsync("INBOX", CancellationToken.None);
            Assert.True(client.UidValidity > 0);
        }
        await using var refused = new ImapSession();
        await refused.ConnectAsync("127.0.0.1", dovecot.Port, ImapSecurity.None, allowPlaintextLoopback: true, CancellationToken.None);
        var e = await Assert.ThrowsAsync<ImapException>(() =>
            refused.AuthenticateAsync(ImapAuthMethod.XOAuth2, dovecot.User, "expired-token", CancellationToken.None));
        Assert.Contains("XOAUTH2 refused", e.Message);
        Assert.DoesNotContain("expired-token", e.Message);
    }
}
