using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

public sealed class MailIntakeTests
{
    internal static byte[] Eml(string from, string subject, string body, string? messageId = null, string? inReplyTo = null, string? extraHeaders = null) =>
        Encoding.UTF8.GetBytes(($"From: {from}\r\nTo: vie.privee@example.ca\r\nSubject: {subject}\r\nDate: Mon, 16 Nov 2026 09:00:00 -0500\r\n" +
            (messageId is null ? "" : $"Message-ID: <{messageId}>\r\n") + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\n") +
            (extraHeaders ?? "") + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body).ReplaceLineEndings("\r\n"));

    private static async Task<(TestHost Host, int MerchantId)> HostWithMerchantAsync()
    {
        var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        return (host, merchant.Id);
    }

    [Fact]
    public async Task A_message_opens_a_classified_acknowledged_request_and_a_second_delivery_changes_nothing()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        var intake = host.Services.GetRequiredService<MailIntake>();
        var raw = Eml("=?utf-8?Q?H=C3=A9l=C3=A8ne_Tremblay?= <helene@example.ca>", "Suppression de mon compte",
            "Bonjour,\nJe veux que vous supprimiez mon compte et toutes mes données.\nHélène", messageId: "m1@example.ca");

        var first = await intake.IngestAsync(merchantId, raw, "test", null, AuditActor.System);
        var second = await intake.IngestAsync(merchantId, raw, "test again", null, AuditActor.System);

        Assert.Equal(InboundStatus.NewRequest, first.Status);
        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.RequestId, second.RequestId);

        await using var db = host.SystemDb();
        var request = await db.Requests.SingleAsync();
        Assert.Equal(RequestType.Erasure, request.Type);
        Assert.Equal("fr", request.Language);
        Assert.Equal("Hélène Tremblay", request.RequesterName);
        Assert.Equal("helene@example.ca", request.RequesterEmail);
        Assert.Equal(RequestChannel.Email, request.Channel);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        Assert.Contains(ClassificationRecord.Parse(request.Classification)!.Evidence, e => e.Contains("supprimiez"));
        Assert.Equal(1, await db.InboundMessages.CountAsync());
        var ack = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxKind.Acknowledgement, ack.Kind);
        Assert.Equal("fr", ack.Language);
        Assert.Matches($@"\[{request.Reference}/[0-9a-f]{{8}}\]", ack.Subject);
        Assert.Equal("m1@example.ca", ack.InReplyTo);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "mail.request-opened"));
    }

    [Fact]
    public async Task Replies_join_their_request_by_tag_or_by_in_reply_to()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        var intake = host.Services.GetRequiredService<MailIntake>();
        var opened = await intake.IngestAsync(merchantId, Eml("Sam Lee <sam@example.com>", "Access request", "Please send me a copy of all the personal data you hold about me.", "a1@example.com"), "t", null, AuditActor.System);

        string ackId, ackSubject;
        await using (var db = host.SystemDb())
        {
            var ack = await db.Outbox.Select(o => new { o.MessageIdHeader, o.Subject }).SingleAsync();
            (ackId, ackSubject) = (ack.MessageIdHeader, ack.Subject);
        }
        // The signed tag of our acknowledgement, as the person's mail client quotes it (headers lost).
        var byTag = await intake.IngestAsync(merchantId, Eml("Sam Lee <sam@example.com>", "Re: " + ackSubject, "Here is my account number: 5512.", "a2@example.com"), "t", null, AuditActor.System);
        var byHeader = await intake.IngestAsync(merchantId, Eml("Sam Lee <sam@example.com>", "Re: your message", "And my postal code is H7N 1A1.", "a3@example.com", inReplyTo: ackId), "t", null, AuditActor.System);

        Assert.Equal(InboundStatus.Reply, byTag.Status);
        Assert.Equal(InboundStatus.Reply, byHeader.Status);
        Assert.Equal(opened.RequestId, byTag.RequestId);
        Assert.Equal(opened.RequestId, byHeader.RequestId);
        await using var check = host.SystemDb();
        Assert.Equal(1, await check.Requests.CountAsync());
        var received = await check.RequestEvents.Where(e => e.Kind == RequestEventKind.EmailReceived).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync();
        Assert.Equal(3, received.Count);
        Assert.Contains("H7N 1A1", received[2]);
    }

    [Fact]
    public async Task Unusable_mail_is_quarantined_with_its_reason_and_kept()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        var intake = host.Services.GetRequiredService<MailIntake>();

        var garbage = await intake.IngestAsync(merchantId, [0x00, 0x01, 0xFF, 0x0A, 0x0A, 0x42], "t", null, AuditActor.System);
        var autoReply = await intake.IngestAsync(merchantId, Eml("Robot <robot@example.com>", "Out of office", "I am away.", "oof@example.com", extraHeaders: "Auto-Submitted: auto-replied\r\n"), "t", null, AuditActor.System);
        var noSender = await intake.IngestAsync(merchantId, Encoding.UTF8.GetBytes("Subject: hello\r\n\r\nplease delete my data"), "t", null, AuditActor.System);

        Assert.All(new[] { garbage, autoReply, noSender }, r => Assert.Equal(InboundStatus.Quarantined, r.Status));
        Assert.StartsWith("Unreadable: ", garbage.Reason);
        Assert.Contains("not an email", garbage.Reason);
        Assert.StartsWith("AutoSubmitted: auto-replied", autoReply.Reason);
        Assert.Equal("NoSender", noSender.Reason);
        await using var db = host.SystemDb();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync()); // a robot is never answered: no mail loop
        var kept = await db.InboundMessages.OrderBy(m => m.Id).FirstAsync();
        Assert.Equal(new byte[] { 0x00, 0x01, 0xFF, 0x0A, 0x0A, 0x42 }, MailIntake.Decompress(kept.RawGzip));
    }

    [Fact]
    public async Task Sender_address_and_name_with_postal_code_propose_customers_without_linking()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        await using (var db = host.SystemDb())
        {
            db.Customers.Add(new PrivacyDesk.Features.Customers.Customer
            {
                MerchantId = merchantId, AccountNumber = "C-1", FirstName = "Marc", LastName = "Roy", CreatedAt = DateTimeOffset.UtcNow,
                ContactPoints = [new() { MerchantId = merchantId, Kind = PrivacyDesk.Features.Customers.ContactKind.Email, Value = "marc.roy@example.ca", ValidFrom = DateTimeOffset.UtcNow }],
            });
            db.Customers.Add(new PrivacyDesk.Features.Customers.Customer
            {
                MerchantId = merchantId, AccountNumber = "C-2", FirstName = "Julie", LastName = "Gagnon", CreatedAt = DateTimeOffset.UtcNow,
                ContactPoints = [new() { MerchantId = merchantId, Kind = PrivacyDesk.Features.Customers.ContactKind.Postal, Value = "1 rue A", PostalCode = "H7N 1A1", ValidFrom = DateTimeOffset.UtcNow }],
            });
            await db.SaveChangesAsync();
        }
        var intake = host.Services.GetRequiredService<MailIntake>();
        var byEmail = await intake.IngestAsync(merchantId, Eml("Marc <MARC.ROY@example.ca>", "Mes données", "Quels renseignements personnels vous détenez sur moi?"), "t", null, AuditActor.System);
        var byName = await intake.IngestAsync(merchantId, Eml("Julie Gagnon <jg@other.example>", "Désabonnement", "Je ne veux plus recevoir vos courriels. Mon code postal : h7n1a1"), "t", null, AuditActor.System);

        await using var check = host.SystemDb();
        var r1 = await check.Requests.SingleAsync(r => r.Id == byEmail.RequestId);
        var r2 = await check.Requests.SingleAsync(r => r.Id == byName.RequestId);
        Assert.Null(r1.CustomerId);
        Assert.Contains("\"accountNumber\":\"C-1\"", r1.CustomerCandidates);
        Assert.Contains("\"reason\":\"email\"", r1.CustomerCandidates);
        Assert.Contains("\"accountNumber\":\"C-2\"", r2.CustomerCandidates);
        Assert.Equal(ContactChannels.Email, r2.OptOutChannels);
    }

    [Fact]
    public async Task Maildir_messages_move_to_cur_after_commit_and_a_crash_before_the_move_duplicates_nothing()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        var maildir = Path.Combine(host.Directory, "maildir");
        foreach (var d in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(maildir, d));
        File.WriteAllBytes(Path.Combine(maildir, "new", "1.host"), Eml("a@example.com", "Delete my account", "Please delete my account.", "d1@example.com"));
        File.WriteAllBytes(Path.Combine(maildir, "new", "2.host"), Eml("b@example.com", "Unsubscribe", "Stop sending me emails.", "d2@example.com"));
        int sourceId;
        await using (var db = host.SystemDb())
        {
            var source = new MailSource { Name = "inbox", MerchantId = merchantId, Kind = MailSourceKind.Maildir, MaildirPath = maildir };
            db.MailSources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }
        var worker = host.Services.GetRequiredService<MailPollingWorker>();
        var (imported, error) = await worker.PollOneAsync(sourceId, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(2, imported);
        Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "new")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(maildir, "cur")).Length);

        // As if the process died after the commit but before the move: the file is back in new/.
        var moved = Directory.GetFiles(Path.Combine(maildir, "cur")).Order().First();
        File.Move(moved, Path.Combine(maildir, "new", "1.host"));
        (imported, error) = await worker.PollOneAsync(sourceId, CancellationToken.None);
        Assert.Null(error);
        await using var check = host.SystemDb();
        Assert.Equal(2, await check.Requests.CountAsync());
        Assert.Equal(2, await check.InboundMessages.CountAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "new")));
        Assert.NotNull((await check.MailSources.SingleAsync()).LastSuccessAt);
    }

    [Fact]
    public async Task The_outbox_writes_pickup_files_and_records_the_sending_on_the_timeline()
    {
        var (host, merchantId) = await HostWithMerchantAsync();
        await using var _ = host;
        var intake = host.Services.GetRequiredService<MailIntake>();
        var opened = await intake.IngestAsync(merchantId, Eml("Ann <ann@example.com>", "Access", "What personal information do you have about me?", "o1@example.com"), "t", null, AuditActor.System);

        var sent = await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var pickup = Path.Combine(host.Directory, "outbox");
        await using var db = host.SystemDb();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Sent, message.Status);
        var file = Directory.GetFiles(pickup, "*.eml").Select(f => (f, File.ReadAllText(f))).Single(x => x.Item2.Contains(message.MessageIdHeader));
        var parsed = MailParsing.Parse(File.ReadAllBytes(file.f)).Message!;
        Assert.Equal("ann@example.com", parsed.To.Mailboxes.Single().Address);
        Assert.Contains(opened.Reference!, parsed.Subject);
        Assert.Equal("auto-replied", parsed.Headers["Auto-Submitted"]);
        Assert.Contains(opened.Reference!, parsed.TextBody);
        var evt = await db.RequestEvents.SingleAsync(e => e.Kind == RequestEventKind.EmailSent);
        Assert.Contains("\"status\":\"sent\"", evt.Data);
    }
}

public sealed class MailIntakeLimitsTests
{
    [Fact]
    public async Task Attachments_over_the_cap_stay_in_the_original_with_a_note()
    {
        await using var host = await TestHost.CreateAsync("Intake:AttachmentCapMegabytes=1");
        var merchant = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var big = Convert.ToBase64String(new byte[1_500_000], Base64FormattingOptions.InsertLineBreaks);
        var small = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 proof of identity"));
        var raw = Encoding.ASCII.GetBytes(("From: a@example.com\nSubject: Access request\nMessage-ID: <cap@example.com>\nContent-Type: multipart/mixed; boundary=m\n\n" +
            "--m\nContent-Type: text/plain\n\nPlease send me a copy of all my personal data.\n" +
            $"--m\nContent-Type: application/pdf; name=id.pdf\nContent-Disposition: attachment; filename=id.pdf\nContent-Transfer-Encoding: base64\n\n{small}\n" +
            $"--m\nContent-Type: video/mp4\nContent-Disposition: attachment; filename=\"../../etc/video.mp4\"\nContent-Transfer-Encoding: base64\n\n{big}\n--m--\n").ReplaceLineEndings("\r\n"));

        var result = await host.Services.GetRequiredService<MailIntake>().IngestAsync(merchant.Id, raw, "t", null, AuditActor.System);

        await using var db = host.SystemDb();
        var attachments = await db.RequestAttachments.ToListAsync();
        Assert.Equal("id.pdf", Assert.Single(attachments).FileName);
        var inbound = await db.InboundMessages.SingleAsync();
        Assert.Contains("video.mp4", inbound.OmittedAttachments);
        Assert.DoesNotContain("..", inbound.OmittedAttachments); // a name from outside is a label, never a path
        Assert.Equal(raw.Length, MailIntake.Decompress(inbound.RawGzip).Length); // the original keeps it
        Assert.Equal(InboundStatus.NewRequest, result.Status);
    }
}
