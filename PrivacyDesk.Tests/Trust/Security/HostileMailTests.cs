using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Classification;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Finding 1: one message with a charset .NET refuses (UTF-7) stopped all intake, for every
/// merchant, silently. A message the code cannot take is the message's problem, not the mailbox's.
/// </summary>
public sealed class HostileMailTests
{
    // Names real mail carries, IANA's and mailers' own, plus made-up ones: the test keeps those .NET refuses.
    private static readonly string[] CharsetNames =
    [
        "utf-7", "UTF-7", "x-utf-7", "unicode-1-1-utf-7", "csUnicode11UTF7", "unicode-2-0-utf-7", "utf7", "x-user-defined", "iso-2022-cn",
        "iso-2022-cn-ext", "x-mac-arabic-invalid", "ibm-1047", "ebcdic-cp-us", "ebcdic-cp-be", "cp037", "cp1026", "x-ebcdic-koreanextended",
        "iso-8859-16", "iso-ir-226", "viscii", "tcvn", "armscii-8", "georgian-ps", "koi8-t", "mik", "x-mac-ce-bogus", "hz-gb-2312", "gb18030-2022",
        "big5-hkscs", "cesu-8", "scsu", "bocu-1", "utf-ebcdic", "x-imap4-modified-utf7", "utf-32be-bom", "ucs-2le", "ucs-4", "x-unknown-charset",
        "\"weird\"", "utf-8*en", "windows-9999", "cp99999", "=?", "", "  ", "x-\u00e9", "ansi-1251", "latin-9", "latin10", "iso-8859-0",
    ];

    private static IEnumerable<string> Refused()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        foreach (var name in CharsetNames)
        {
            bool refused;
            try { Encoding.GetEncoding(name); refused = false; }
            catch (Exception) { refused = true; }
            if (refused) yield return name;
        }
    }

    private static byte[] MessageIn(string charset, string contentType = "text/html") => Encoding.ASCII.GetBytes(
        $"From: Jeanne <jeanne@example.ca>\r\nTo: vie.privee@example.ca\r\nSubject: =?{charset}?Q?Suppression_de_mes_donn+AOk-es?=\r\n" +
        $"Message-ID: <{Guid.NewGuid():N}@example.ca>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
        $"--b\r\nContent-Type: {contentType}; charset=\"{charset}\"\r\n\r\n<p>Je veux que vous supprimiez toutes mes donn+AOk-es.</p>\r\n" +
        $"--b\r\nContent-Type: application/pdf; name*={charset}''pi%E8ce.pdf\r\nContent-Disposition: attachment; filename*={charset}''pi%E8ce.pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n");

    [Fact]
    public void Every_charset_dotnet_refuses_is_read_as_text_without_an_exception()
    {
        // UTF-7 is refused by .NET's defaults and read here only through the switch in Directory.Build.props; the others stay refused.
        var refused = Refused().ToList();
        Assert.True(refused.Count >= 20, $"only {refused.Count} refused names: the fuzz list lost its teeth");
        foreach (var charset in refused.Concat(["utf-7", "UTF-7", "unicode-1-1-utf-7"]).Distinct())
        {
            foreach (var type in new[] { "text/html", "text/plain" })
            {
                var parsed = MailParsing.Parse(MessageIn(charset, type));
                Assert.True(parsed.Usable is not null, $"{charset}: {parsed.Error}");
                var message = parsed.Usable!;
                // A charset MimeKit knows under another name (EBCDIC's "ebcdic-cp-us") is honoured; an unknown one leaves the text as its bytes say.
                var body = MailIntake.BodyText(message);
                Assert.False(string.IsNullOrWhiteSpace(body), charset);
                _ = message.Subject;
                _ = RequestClassifier.Classify(message.Subject, body);
                _ = MailAttachments.Select(message, 20, out _).Select(a => a.FileName).ToList();
            }
        }
    }

    [Fact]
    public void A_utf7_subject_and_body_are_decoded()
    {
        var message = MailParsing.Parse(MessageIn("utf-7")).Message!;
        Assert.Equal("Suppression de mes données", message.Subject);
        Assert.Contains("toutes mes données", MailIntake.BodyText(message));
    }

    [Fact]
    public async Task A_utf7_message_in_one_maildir_neither_stops_that_mailbox_nor_another_merchants()
    {
        await using var host = await TestHost.CreateAsync();
        var laval = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var lyon = await host.CreateMerchantAsync("lyon", "Librairie Lyon", "FR", null);
        var dirA = MakeMaildir(host, "a");
        var dirB = MakeMaildir(host, "b");
        File.WriteAllBytes(Path.Combine(dirA, "new", "1-utf7"), MessageIn("utf-7"));
        File.WriteAllBytes(Path.Combine(dirA, "new", "2-garbage"), [0xFF, 0xFE, 0x00, 0x2B, 0x2F, 0x76, 0x38]);
        File.WriteAllBytes(Path.Combine(dirA, "new", "3-plain"), Plain("marc@example.ca", "Accès à mes données", "Je veux une copie de mes renseignements."));
        File.WriteAllBytes(Path.Combine(dirB, "new", "1-plain"), Plain("zoe@example.fr", "Suppression", "Supprimez mon compte, s'il vous plaît."));
        await using (var db = host.SystemDb())
        {
            db.MailSources.Add(new MailSource { Name = "A", MerchantId = laval.Id, Kind = MailSourceKind.Maildir, MaildirPath = dirA, PollSeconds = 5 });
            db.MailSources.Add(new MailSource { Name = "B", MerchantId = lyon.Id, Kind = MailSourceKind.Maildir, MaildirPath = dirB, PollSeconds = 5 });
            await db.SaveChangesAsync();
        }

        await host.Services.GetRequiredService<MailPollingWorker>().PollDueAsync(CancellationToken.None, force: true);

        Assert.Empty(Directory.GetFiles(Path.Combine(dirA, "new")));
        Assert.Empty(Directory.GetFiles(Path.Combine(dirB, "new")));
        await using var check = host.SystemDb();
        var inbound = await check.InboundMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(4, inbound.Count);
        var utf7 = inbound.Single(m => m.Origin.EndsWith("1-utf7", StringComparison.Ordinal));
        Assert.Equal(InboundStatus.NewRequest, utf7.Status);
        Assert.Equal("Suppression de mes données", utf7.Subject);
        Assert.Equal(InboundStatus.Quarantined, inbound.Single(m => m.Origin.EndsWith("2-garbage", StringComparison.Ordinal)).Status);
        Assert.Equal(3, await check.Requests.CountAsync());
        Assert.All(await check.MailSources.ToListAsync(), s => Assert.Null(s.LastError));
    }

    [Fact]
    public async Task A_failing_mailbox_records_its_error_turns_health_degraded_and_the_next_mailbox_is_still_read()
    {
        await using var host = await TestHost.CreateAsync();
        var laval = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var good = MakeMaildir(host, "good");
        File.WriteAllBytes(Path.Combine(good, "new", "1"), Plain("marc@example.ca", "Accès", "Je veux une copie de mes renseignements."));
        await using (var db = host.SystemDb())
        {
            db.MailSources.Add(new MailSource { Name = "broken", MerchantId = laval.Id, Kind = MailSourceKind.Maildir, MaildirPath = Path.Combine(host.Directory, "missing"), PollSeconds = 5 });
            db.MailSources.Add(new MailSource { Name = "good", MerchantId = laval.Id, Kind = MailSourceKind.Maildir, MaildirPath = good, PollSeconds = 5 });
            await db.SaveChangesAsync();
        }

        await host.Services.GetRequiredService<MailPollingWorker>().PollDueAsync(CancellationToken.None, force: true);

        await using var check = host.SystemDb();
        var sources = await check.MailSources.OrderBy(s => s.Id).ToListAsync();
        Assert.NotNull(sources[0].LastError);
        Assert.NotNull(sources[0].LastErrorAt);
        Assert.Null(sources[1].LastError);
        Assert.Equal(1, await check.Requests.CountAsync());
        var health = await new MailHealthCheck(host.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>())
            .CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
    }

    [Fact]
    public async Task An_upload_of_hostile_messages_reports_each_outcome()
    {
        await using var host = await TestHost.CreateAsync();
        var laval = await host.CreateMerchantAsync("laval", "Meubles Laval");
        var officer = await host.CreateUserAsync("officer@laval.example", [PrivacyDesk.Features.Admin.Users.Roles.PrivacyOfficer], laval.Id);
        var mbox = new MemoryStream();
        foreach (var m in new[] { MessageIn("utf-7"), MessageIn("x-user-defined"), Plain("marc@example.ca", "Accès", "Copie de mes données, svp.") })
        {
            mbox.Write("From MAILER-DAEMON Mon Nov 16 09:00:00 2026\n"u8);
            mbox.Write(m);
            mbox.Write("\n"u8);
        }
        mbox.Position = 0;
        await using var scope = host.ActAs(officer);
        var report = await scope.ServiceProvider.GetRequiredService<MailboxService>().UploadAsync(laval.Id, "hostile.mbox", mbox);
        Assert.Equal(3, report.Results.Count);
        Assert.All(report.Results, r => Assert.NotEqual(0, r.Result.InboundId));
        Assert.Equal(3, report.Opened);
    }

    private static string MakeMaildir(TestHost host, string name)
    {
        var dir = Path.Combine(host.Directory, "maildir-" + name);
        foreach (var sub in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        return dir;
    }

    private static byte[] Plain(string from, string subject, string body) =>
        Features.Intake.MailIntakeTests.Eml(from, subject, body, Guid.NewGuid().ToString("N") + "@example.ca");
}
