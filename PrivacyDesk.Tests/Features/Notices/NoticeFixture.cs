using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>A host whose outbox sends to a real SMTP server (aiosmtpd), a Quebec merchant and its officer, and customers to tell.</summary>
public sealed class NoticeFixture : IAsyncDisposable
{
    public required TestHost Host { get; init; }
    public required SmtpSink Smtp { get; init; }
    public required Merchant Merchant { get; init; }
    public required string Officer { get; init; }

    public static async Task<NoticeFixture> StartAsync(string country = "CA", string? province = "QC", params string[] settings)
    {
        var smtp = await SmtpSink.StartAsync();
        var host = await TestHost.CreateAsync(["Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={smtp.Port}", "Mail:SmtpStartTls=false", .. settings]);
        var merchant = await host.CreateMerchantAsync("mtr", "Maison Tremblay", country, province);
        await using (var db = host.SystemDb())
        {
            var m = db.Merchants.Single(x => x.Id == merchant.Id);
            (m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.LegalName) = ("Julie Gagnon", "vie.privee@mtr.example", "Maison Tremblay inc.");
            await db.SaveChangesAsync();
        }
        var officer = await host.CreateUserAsync("officer@mtr.example", [Roles.PrivacyOfficer], merchant.Id);
        return new NoticeFixture { Host = host, Smtp = smtp, Merchant = merchant, Officer = officer };
    }

    public async Task<int> AddCustomerAsync(string account, string first, string last, string language, string? email, CustomerStatus status = CustomerStatus.Active, string? gender = null)
    {
        await using var db = Host.SystemDb();
        var c = new Customer
        {
            MerchantId = Merchant.Id, AccountNumber = account, FirstName = first, LastName = last, Language = language, Status = status, Gender = gender,
            CreatedAt = DateTimeOffset.UtcNow.AddYears(-1), LastActivityAt = DateTimeOffset.UtcNow.AddMonths(-1),
        };
        if (email is not null) c.ContactPoints.Add(new ContactPoint { MerchantId = Merchant.Id, Kind = ContactKind.Email, Value = email, ValidFrom = c.CreatedAt });
        c.SearchText = CustomerService.SearchTextFor(c, c.ContactPoints);
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    /// <summary>Runs the outbox until nothing is due; returns how many it sent.</summary>
    public async Task<int> SendOutboxAsync()
    {
        var sender = Host.Services.GetRequiredService<OutboxSender>();
        var total = 0;
        for (int sent; (sent = await sender.SendDueAsync(CancellationToken.None)) > 0;) total += sent;
        return total;
    }

    /// <summary>What aiosmtpd received, parsed by MimeKit as a mail client would.</summary>
    public List<MimeKit.MimeMessage> Received() =>
        Smtp.Messages().Select(raw => MimeKit.MimeMessage.Load(new MemoryStream(raw))).ToList();

    public static string Text(MimeKit.MimeMessage m) => m.TextBody ?? "";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
