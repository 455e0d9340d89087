using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Data;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>Mailboxes declared in appsettings.json ("Intake:Sources") are created or updated in the database at start-up.</summary>
public static class MailSourceSync
{
    public static async Task SyncFromSettingsAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = services.GetRequiredService<IOptions<IntakeOptions>>().Value.Sources;
        if (settings.Count == 0) return;
        var configuration = services.GetRequiredService<IConfiguration>();
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ImapPoller.SecretPurpose);
        await using var db = services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(MailPollingWorker.Actor);
        var merchants = await db.Merchants.AsNoTracking().ToListAsync(ct);
        foreach (var s in settings)
        {
            var merchant = merchants.FirstOrDefault(m => string.Equals(m.Slug, s.Merchant, StringComparison.OrdinalIgnoreCase)
                                                      || string.Equals(m.Name, s.Merchant, StringComparison.OrdinalIgnoreCase)
                                                      || string.Equals(m.LegalName, s.Merchant, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Intake:Sources '{s.Name}': no merchant named '{s.Merchant}'.");
            var source = await db.MailSources.FirstOrDefaultAsync(x => x.Name == s.Name, ct);
            if (source is null)
            {
                source = new MailSource { Name = s.Name, MerchantId = merchant.Id };
                db.MailSources.Add(source);
            }
            source.MerchantId = merchant.Id;
            source.FromSettings = true;
            source.Kind = s.Kind;
            source.MaildirPath = s.Path is null ? null : SettingsFile.Resolve(configuration, s.Path);
            if (source.Kind == MailSourceKind.Maildir && source.MaildirPath is not null)
                foreach (var sub in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(source.MaildirPath, sub));
            source.ImapHost = s.Host;
            source.ImapPort = s.Port;
            source.ImapSecurity = s.Security;
            source.ImapAuth = s.Auth;
            source.ImapUser = s.User;
            if (!string.IsNullOrEmpty(s.Secret)) source.ImapSecretProtected = protector.Protect(s.Secret);
            source.ImapFolder = s.Folder;
            source.ImapProcessedFolder = s.ProcessedFolder;
            source.AllowPlaintextLoopback = s.AllowPlaintextLoopback;
            source.ImapCertificateSha256 = s.CertificateSha256;
            source.PollSeconds = s.PollSeconds;
            source.Enabled = true;
            db.Audit("mailbox.synced-from-settings", nameof(MailSource), s.Name, merchant.Id, new { s.Kind, s.Host, s.Path });
        }
        await db.SaveChangesAsync(ct);
    }
}
