using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Features.Intake.Outbox;

/// <summary>Hands one message to the outside world; throws on failure (the sender decides about retries).</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// System.Net.Mail over SMTP (STARTTLS and credentials when configured), or into a pickup directory
/// (the embedded default: an .eml file per message for a local MTA, or a person, to deliver).
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, IConfiguration configuration) : IMailTransport
{
    public async Task SendAsync(OutboxMessage m, CancellationToken ct)
    {
        var o = options.Value;
        using var mail = Build(m);
        using var client = new SmtpClient();
        if (o.Transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase))
        {
            client.Host = o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not configured.");
            client.Port = o.SmtpPort;
            client.EnableSsl = o.SmtpStartTls;
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            if (!string.IsNullOrEmpty(o.SmtpUser)) client.Credentials = new NetworkCredential(o.SmtpUser, o.SmtpPassword);
        }
        else
        {
            var dir = SettingsFile.Resolve(configuration, o.PickupDirectory);
            Directory.CreateDirectory(dir);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = dir;
        }
        await client.SendMailAsync(mail, ct);
    }

    internal static MailMessage Build(OutboxMessage m)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(m.FromAddress, m.FromName, Encoding.UTF8),
            Subject = m.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = m.BodyText,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(m.ToAddress, m.ToName, Encoding.UTF8));
        mail.Headers.Add("Message-ID", $"<{m.MessageIdHeader}>");
        if (m.InReplyTo is { } irt)
        {
            mail.Headers.Add("In-Reply-To", $"<{irt}>");
            mail.Headers.Add("References", $"<{irt}>");
        }
        mail.Headers.Add("Content-Language", m.Language == "fr" ? "fr-CA" : "en-CA");
        // RFC 3834: an automatic acknowledgement says so, so other robots do not answer it (no mail loops).
        if (m.Kind == OutboxKind.Acknowledgement) mail.Headers.Add("Auto-Submitted", "auto-replied");
        return mail;
    }
}
