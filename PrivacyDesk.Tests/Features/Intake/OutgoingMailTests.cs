using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>
/// Outgoing mail through MailKit to a submission server as providers run them (aiosmtpd with
/// STARTTLS required and a login), built by MimeKit: headers encoded for French, threaded into the
/// requester's conversation, files attached, and a clear refusal over the size cap.
/// </summary>
public sealed class OutgoingMailTests
{
    private static async Task<(TestHost Host, int RequestId, string OfficerId)> RequestFromJeanneAsync(SmtpSink smtp, params string[] settings)
    {
        var host = await TestHost.CreateAsync(["Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={smtp.Port}", "Mail:SmtpStartTls=true",
            $"Mail:SmtpUser={SmtpSink.User}", $"Mail:SmtpPassword={SmtpSink.Password}", $"Mail:SmtpCertificateSha256={smtp.CertificateSha256}", .. settings]);
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var officer = await host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], merchant.Id);
        var opened = await host.Services.GetRequiredService<MailIntake>().IngestAsync(merchant.Id,
            MailIntakeTests.Eml("Jeanne Roy <jeanne@example.ca>", "Accès à mes données", "Je veux une copie de mes renseignements.", "jeanne-1@example.ca"),
            "t", null, AuditActor.System);
        return (host, opened.RequestId!.Value, officer);
    }

    private static async Task<long> FileOnTimelineAsync(TestHost host, string officer, int requestId, string name, byte[] content)
    {
        await using (var scope = host.ActAs(officer))
            Assert.True((await scope.ServiceProvider.GetRequiredService<RequestWorkflow>()
                .AddNoteAsync(requestId, "Réponse préparée", [new NewAttachment(name, "application/pdf", content)])).Succeeded);
        await using var db = host.SystemDb();
        return await db.RequestAttachments.Where(a => a.FileName == name).Select(a => a.Id).SingleAsync();
    }

    [Fact]
    public async Task A_reply_with_a_pdf_reaches_the_server_over_starttls_threaded_encoded_and_with_its_file()
    {
        await using var smtp = await SmtpSink.StartAsync(startTlsWithLogin: true);
        var (host, requestId, officer) = await RequestFromJeanneAsync(smtp);
        await using var owner = host;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% réponse d'accès\n");
        var fileId = await FileOnTimelineAsync(host, officer, requestId, "réponse-accès.pdf", pdf);

        await using (var scope = host.ActAs(officer))
        {
            var sent = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>()
                .ReplyAsync(requestId, "jeanne@example.ca", "Votre réponse – accès à vos données", "Madame,\nVoici notre réponse, en pièce jointe.", [fileId]);
            Assert.True(sent.Succeeded, sent.Error);
        }
        Assert.Equal(2, await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)); // the acknowledgement and the reply

        var raw = smtp.Messages().Single(b => Encoding.ASCII.GetString(b).Contains("application/pdf"));
        // RFC 2047 on the wire: the header block is plain ASCII, the subject's accented words encoded.
        var headerEnd = raw.AsSpan().IndexOf("\n\n"u8) is >= 0 and var lf ? lf : raw.AsSpan().IndexOf("\r\n\r\n"u8); // the sink's Maildir stores LF
        var headerBlock = raw.AsSpan(0, headerEnd);
        Assert.True(System.Text.Ascii.IsValid(headerBlock));
        Assert.Matches(@"(?im)^Subject:.*=\?utf-8\?", Encoding.ASCII.GetString(headerBlock));
        var reply = MailParsing.Parse(raw).Usable!;
        await using var db = host.SystemDb();
        var outbox = await db.Outbox.SingleAsync(o => o.Kind == OutboxKind.Reply);
        Assert.Equal(OutboxStatus.Sent, outbox.Status);
        Assert.StartsWith("Votre réponse – accès à vos données [PD-", reply.Subject);
        Assert.Equal(outbox.MessageIdHeader, reply.MessageId);
        Assert.Equal("jeanne-1@example.ca", reply.InReplyTo);
        Assert.Contains("jeanne-1@example.ca", reply.References);
        Assert.Contains("Voici notre réponse", MailParsing.BodyText(reply));
        var attached = Assert.Single(MailAttachments.Select(reply, 20, out _));
        Assert.Equal("réponse-accès.pdf", attached.FileName);
        Assert.Equal(pdf, attached.Content);
        var evt = await db.RequestEvents.Where(e => e.Kind == RequestEventKind.Reply).OrderBy(e => e.Id).LastAsync();
        Assert.Equal("réponse-accès.pdf", System.Text.Json.JsonDocument.Parse(evt.Data!).RootElement.GetProperty("files")[0].GetString());
    }

    [Fact]
    public async Task Files_over_the_cap_are_refused_before_anything_is_queued_with_the_sizes_in_words()
    {
        await using var smtp = await SmtpSink.StartAsync(startTlsWithLogin: true);
        var (host, requestId, officer) = await RequestFromJeanneAsync(smtp, "Mail:AttachmentCapMegabytes=1");
        await using var owner = host;
        var fileId = await FileOnTimelineAsync(host, officer, requestId, "gros.pdf", new byte[2 * 1024 * 1024]);

        await using var scope = host.ActAs(officer);
        var refused = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().ReplyAsync(requestId, "jeanne@example.ca", "Réponse", "Voici.", [fileId]);
        Assert.False(refused.Succeeded);
        Assert.Contains("2.0 MB", refused.Error);
        Assert.Contains("1 MB", refused.Error);
        await using var db = host.SystemDb();
        Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == OutboxKind.Reply));
    }

    [Fact]
    public async Task Files_to_an_address_nobody_has_on_file_need_the_officers_confirmation()
    {
        await using var smtp = await SmtpSink.StartAsync(startTlsWithLogin: true);
        var (host, requestId, officer) = await RequestFromJeanneAsync(smtp);
        await using var owner = host;
        var fileId = await FileOnTimelineAsync(host, officer, requestId, "réponse.pdf", "%PDF-1.4\n"u8.ToArray());
        await using var scope = host.ActAs(officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();

        var warned = await workflow.ReplyAsync(requestId, "jeanne.roy@autre.example", "Votre réponse", "Voici.", [fileId]);
        Assert.False(warned.Succeeded);
        Assert.Contains("jeanne.roy@autre.example", warned.Error);
        var plainText = await workflow.ReplyAsync(requestId, "jeanne.roy@autre.example", "Une question", "Pouvez-vous confirmer votre adresse ?");
        Assert.True(plainText.Succeeded, plainText.Error); // no file, no personal data attached: a question may go anywhere
        var confirmed = await workflow.ReplyAsync(requestId, "jeanne.roy@autre.example", "Votre réponse", "Voici.", [fileId], toAnotherAddress: true);
        Assert.True(confirmed.Succeeded, confirmed.Error);
    }

    [Fact]
    public async Task A_refused_login_keeps_the_message_for_a_retry_and_says_why()
    {
        await using var smtp = await SmtpSink.StartAsync(startTlsWithLogin: true);
        var (host, _, _) = await RequestFromJeanneAsync(smtp, "Mail:SmtpPassword=wrong-password");
        await using var owner = host;
        Assert.Equal(0, await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
        await using var db = host.SystemDb();
        var ack = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Retrying, ack.Status);
        Assert.NotNull(ack.LastError);
        Assert.DoesNotContain("wrong-password", ack.LastError);
        Assert.Empty(smtp.Messages());
    }
}
