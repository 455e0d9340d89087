using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Features.Intake.Outbox;

/// <summary>A file that goes with an outgoing message (a PDF letter, the access response).</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Hands one message to the outside world; throws on failure (the sender decides about retries).</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, IReadOnlyList<OutgoingAttachment> attachments, CancellationToken ct);
}

/// <summary>
/// MailKit over SMTP (STARTTLS, or TLS on port 465, and credentials when configured), or into a
/// pickup directory (the embedded default: an .eml file per message for a local MTA, or a person,
/// to deliver). The message itself is built by <see cref="OutgoingMail"/>.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, IConfiguration configuration) : IMailTransport
{
    public async Task SendAsync(OutboxMessage m, IReadOnlyList<OutgoingAttachment> attachments, CancellationToken ct)
    {
        var o = options.Value;
        using var message = OutgoingMail.Build(m, attachments);
        if (o.Transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase))
        {
            using var client = new SmtpClient { Timeout = 60_000 };
            if (o.SmtpCertificateSha256 is { Length: > 0 } pin) client.ServerCertificateValidationCallback = CertificatePin.Callback(pin);
            var security = o.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : o.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not configured."), o.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return;
        }
        var dir = SettingsFile.Resolve(configuration, o.PickupDirectory);
        Directory.CreateDirectory(dir);
        // Written aside, then renamed: a pickup reader never sees half a message.
        var name = $"{m.Id:D10}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(dir, "." + name + ".tmp");
        await message.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(dir, name));
    }
}
