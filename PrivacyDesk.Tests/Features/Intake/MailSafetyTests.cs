using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Display;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

public sealed class MailSafetyTests
{
    [Fact]
    public void The_sanitiser_keeps_formatting_blocks_remote_images_and_drops_active_content()
    {
        var html = """
            <p style="color:red" onclick="x()">Bonjour <b>Hélène</b> <a href="javascript:alert(1)">clic</a> <a href="https://example.com/x">lien</a></p>
            <img src="https://tracker.example/pixel.gif"><img src="cid:logo@x"><script>alert(1)</script>
            <svg><script>alert(2)</script></svg><form action="https://evil"><input name=p></form><custom-tag>texte</custom-tag>
            <a href=" jav&#x09;ascript:alert(3)">tab</a>
            """;
        var blocked = MailHtmlSanitizer.Sanitize(html, allowRemoteImages: false, cid => cid == "logo@x" ? "/mail/1/part/2" : null);
        Assert.Contains("<b>Hélène</b>", blocked.Html);
        Assert.Contains("href=\"https://example.com/x\"", blocked.Html);
        Assert.Contains("src=\"/mail/1/part/2\"", blocked.Html);
        Assert.DoesNotContain("tracker.example", blocked.Html);
        Assert.Equal(1, blocked.BlockedImages);
        foreach (var bad in new[] { "script", "onclick", "style=", "javascript", "<svg", "<form", "<input", "custom-tag" })
            Assert.DoesNotContain(bad, blocked.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("texte", blocked.Html); // unknown elements are unwrapped, their text kept

        var encoded = MailHtmlSanitizer.Sanitize("<img src=\"cid:logo%40x\">", allowRemoteImages: false, cid => cid == "logo@x" ? "/mail/1/part/2" : null);
        Assert.Contains("src=\"/mail/1/part/2\"", encoded.Html); // RFC 2392: cid URLs are percent-encoded

        var allowed = MailHtmlSanitizer.Sanitize(html, allowRemoteImages: true, cid => cid == "logo@x" ? "/mail/1/part/2" : null);
        Assert.Contains("https://tracker.example/pixel.gif", allowed.Html);
        Assert.Equal(0, allowed.BlockedImages);
    }

    [Fact]
    public async Task The_outbox_retries_with_backoff_while_the_SMTP_server_is_down_and_sends_when_it_is_back()
    {
        var port = FreePort.Next(); // nothing listens there yet
        await using var host = await TestHost.CreateAsync("Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={port}", "Mail:SmtpStartTls=false");
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        await host.Services.GetRequiredService<MailIntake>().IngestAsync(merchant.Id,
            MailIntakeTests.Eml("a@example.com", "Delete my account", "Please delete my account.", "r1@example.com"), "t", null, AuditActor.System);
        var sender = host.Services.GetRequiredService<OutboxSender>();

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        await using (var db = host.SystemDb())
        {
            var m = await db.Outbox.SingleAsync();
            Assert.Equal(OutboxStatus.Retrying, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.True(m.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(30), "the next attempt waits");
            Assert.NotNull(m.LastError);
            m.NextAttemptAt = DateTimeOffset.UtcNow; // as if the delay had passed
            await db.SaveChangesAsync();
        }
        await using var smtp = await SmtpSink.StartAsync(port);
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task Officers_release_quarantined_mail_as_a_request_and_correct_classifications_on_the_record()
    {
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var officer = await host.CreateUserAsync("officer@example.com", [Roles.PrivacyOfficer], merchant.Id);
        var rep = await host.CreateUserAsync("rep@example.com", [Roles.SupportRep], merchant.Id);
        var intake = host.Services.GetRequiredService<MailIntake>();
        var quarantined = await intake.IngestAsync(merchant.Id, Encoding.UTF8.GetBytes("Subject: effacez-moi\r\n\r\nJe veux être effacé."), "t", null, AuditActor.System);
        Assert.Equal(InboundStatus.Quarantined, quarantined.Status);

        await using (var scope = host.ActAs(rep))
        {
            var asRep = scope.ServiceProvider.GetRequiredService<MailboxService>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => asRep.QuarantineAsync());
        }
        await using (var scope = host.ActAs(officer))
        {
            var mail = scope.ServiceProvider.GetRequiredService<MailboxService>();
            var row = (await mail.QuarantineAsync()).Single();
            var released = await mail.ReleaseAsync(row.Id, row.Version, [RequestType.Erasure], "fr", "Personne inconnue", null);
            Assert.False(released.Succeeded); // no way to reach the person: the intake rules still apply
            released = await mail.ReleaseAsync(row.Id, row.Version, [RequestType.Erasure], "fr", "Jeanne Roy", "jeanne@example.ca");
            Assert.True(released.Succeeded, released.Error);
            Assert.Empty(await mail.QuarantineAsync());

            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var corrected = await workflow.CorrectClassificationAsync(released.Request!.Id, released.Request.Version, [RequestType.Erasure, RequestType.Withdrawal], "en");
            Assert.True(corrected.Succeeded, corrected.Error);
        }
        await using var db = host.SystemDb();
        var request = await db.Requests.SingleAsync();
        Assert.Equal("erasure,withdrawal", request.TypeCodes);
        Assert.Equal("en", request.Language);
        Assert.True(await db.RequestEvents.AnyAsync(e => e.Kind == RequestEventKind.ClassificationCorrected && e.Data!.Contains("erasure (fr)")));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "mail.released"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "request.classification-corrected"));
        Assert.Equal(InboundStatus.Released, (await db.InboundMessages.SingleAsync()).Status);
    }

    [Fact]
    public async Task Staff_of_one_merchant_never_read_another_merchants_mail()
    {
        await using var host = await TestHost.CreateAsync();
        var laval = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var paris = await host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        var parisOfficer = await host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], paris.Id);
        var intake = host.Services.GetRequiredService<MailIntake>();
        var r = await intake.IngestAsync(laval.Id, Encoding.UTF8.GetBytes("Subject: x\r\n\r\nno sender"), "t", null, AuditActor.System);

        await using var scope = host.ActAs(parisOfficer);
        var mail = scope.ServiceProvider.GetRequiredService<MailboxService>();
        Assert.Empty(await mail.QuarantineAsync());
        Assert.Null(await mail.GetAsync(r.InboundId));
        Assert.Null(await mail.DownloadOriginalAsync(r.InboundId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => mail.UploadAsync(laval.Id, "x.eml", new MemoryStream(Encoding.UTF8.GetBytes("From: a@b.c\r\n\r\nx"))));
    }

    [Fact]
    public void Mutated_corpus_messages_never_crash_the_parser()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Corpus, "mime", "messages")).Select(File.ReadAllBytes).ToList();
        var random = new Random(20261122);
        var parsed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])files[random.Next(files.Count)].Clone();
            switch (random.Next(4))
            {
                case 0: for (var k = 0; k < 20; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break; // bit rot
                case 1: bytes = bytes[..random.Next(bytes.Length)]; break; // truncated in transit
                case 2: // a line duplicated or dropped (boundaries, headers)
                    var lines = Encoding.Latin1.GetString(bytes).Split('\n').ToList();
                    var at = random.Next(lines.Count);
                    if (random.Next(2) == 0) lines.Insert(at, lines[at]); else lines.RemoveAt(at);
                    bytes = Encoding.Latin1.GetBytes(string.Join('\n', lines));
                    break;
                default: // special characters injected where parsers split
                    var pos = random.Next(bytes.Length);
                    var inject = Encoding.ASCII.GetBytes(new[] { "\r\n--", "=?utf-8?B?", "\"", ";", "=\r\n", "\r\n\r\n", "<", "(" }[random.Next(8)]);
                    bytes = [.. bytes[..pos], .. inject, .. bytes[pos..]];
                    break;
            }
            if (MailParsing.Parse(bytes).Message is { } m)
                _ = (m.Subject, MailParsing.Sender(m), m.To.Mailboxes.Count(), MailParsing.Date(m), m.MessageId, m.References.Count, MailParsing.BodyText(m),
                    m.HtmlBody, MailAttachments.Select(m, 20, out _).Count, AutomaticMail.Reason(m));
            parsed++;
        }
        Assert.Equal(3000, parsed);
    }
}

public sealed class LogSafeTests
{
    [Fact]
    public void Email_addresses_are_masked_before_logging() =>
        Assert.Equal("5.1.1 <***@example.com>: Recipient address rejected", PrivacyDesk.Hosting.LogSafe.Redact("5.1.1 <jeanne.roy@example.com>: Recipient address rejected"));
}
