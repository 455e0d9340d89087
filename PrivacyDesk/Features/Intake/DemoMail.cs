using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Hosting;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// A demo mailbox: a Maildir for Millenium Micro Laval (data/mail/mm-laval) that the running app
/// reads, with a few messages already delivered: a French erasure request from Hélène Tremblay, an
/// English access request in HTML with a tracking pixel, and an out-of-office reply (quarantined).
/// Drop more .eml files into its new/ folder while the app runs to see intake at work.
/// </summary>
public sealed class DemoMail(IDbContextFactory<PrivacyDeskDbContext> factory, MaildirPoller poller, IConfiguration configuration) : IDemoDataSeeder
{
    public const string SourceName = "demo-inbox";

    public async Task SeedAsync(IReadOnlyList<Merchant> merchants, DemoSize size, CancellationToken ct)
    {
        var laval = merchants.FirstOrDefault(m => m.Slug == "mm-laval");
        if (laval is null || size.Requests == 0) return;
        var actor = new AuditActor("demo", "Demo data");
        await using var db = factory.CreateSystemContext(actor);
        if (await db.MailSources.AnyAsync(s => s.Name == SourceName, ct)) return;

        var root = SettingsFile.Resolve(configuration, Path.Combine("data", "mail", "mm-laval"));
        foreach (var sub in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(root, sub));
        var source = new MailSource { Name = SourceName, MerchantId = laval.Id, Kind = MailSourceKind.Maildir, MaildirPath = root, PollSeconds = 15 };
        db.MailSources.Add(source);
        db.Audit("mailbox.created", nameof(MailSource), SourceName, laval.Id, new { source.Kind, root });
        await db.SaveChangesAsync(ct);

        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var i = 0;
        foreach (var message in Messages())
            await File.WriteAllTextAsync(Path.Combine(root, "new", $"{stamp}.demo{i++}.privacydesk"), message.ReplaceLineEndings("\r\n"), new UTF8Encoding(false), ct);
        source.ImportedCount = await poller.PollAsync(source, actor, ct);
        source.LastSuccessAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<string> Messages()
    {
        var date = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        yield return $"""
            From: =?utf-8?Q?H=C3=A9l=C3=A8ne_Tremblay?= <helene.tremblay@example.com>
            To: vie-privee@mm-laval.example
            Subject: Suppression de mon compte
            Date: {date}
            Message-ID: <demo-erasure-1@example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Bonjour,

            Je n'achète plus chez vous. Je vous demande de supprimer mon compte et toutes les données qui me concernent.
            Mon code postal est H7N 1A1.

            Hélène Tremblay
            """;
        yield return $"""
            From: Daniel Price <dan.price@example.net>
            To: vie-privee@mm-laval.example
            Subject: What do you know about me?
            Date: {date}
            Message-ID: <demo-access-1@example.net>
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=utf-8

            Hello, under PIPEDA please send me a copy of all the personal information you hold about me, and tell me who you shared it with.
            --alt
            Content-Type: text/html; charset=utf-8

            <p>Hello, under <b>PIPEDA</b> please send me a copy of all the personal information you hold about me, and tell me who you shared it with.</p>
            <p><img src="https://tracker.example.net/open.gif?id=42" width="1" height="1"></p>
            --alt--
            """;
        yield return $"""
            From: Absent <absent@example.org>
            To: vie-privee@mm-laval.example
            Subject: Absence du bureau
            Date: {date}
            Message-ID: <demo-ooo-1@example.org>
            Auto-Submitted: auto-replied
            Content-Type: text/plain; charset=utf-8

            Je suis absente jusqu'au 30 novembre.
            """;
    }
}
