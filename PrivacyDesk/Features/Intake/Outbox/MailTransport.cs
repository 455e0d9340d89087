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

    /// <summary>A run of messages over one connection (the outbox's pass); by default, each is sent on its own.</summary>
    Task<IMailBatch> OpenBatchAsync(CancellationToken ct) => Task.FromResult<IMailBatch>(new OneByOne(this));

    private sealed class OneByOne(IMailTransport transport) : IMailBatch
    {
        public Task SendAsync(OutboxMessage message, IReadOnlyList<OutgoingAttachment> attachments, CancellationToken ct) => transport.SendAsync(message, attachments, ct);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public interface IMailBatch : IAsyncDisposable
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
        await using var batch = await OpenBatchAsync(ct);
        await batch.SendAsync(m, attachments, ct);
    }

    public Task<IMailBatch> OpenBatchAsync(CancellationToken ct) => Task.FromResult<IMailBatch>(new Batch(this));

    private bool UsesSmtp => options.Value.Transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One SMTP connection for a run of messages (a campaign of a million cannot pay a connect, EHLO and QUIT for each).
    /// A failed message closes the connection; the next one opens a fresh one, so one refusal cannot poison the rest.
    /// </summary>
    private sealed class Batch(SmtpMailTransport transport) : IMailBatch
    {
        private SmtpClient? _client;

        public async Task SendAsync(OutboxMessage m, IReadOnlyList<OutgoingAttachment> attachments, CancellationToken ct)
        {
            if (!transport.UsesSmtp) { await transport.PickUpAsync(m, attachments, ct); return; }
            using var message = OutgoingMail.Build(m, attachments);
            try
            {
                _client ??= await transport.ConnectAsync(ct);
                await _client.SendAsync(message, ct);
            }
            catch
            {
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is null) return;
            try { if (_client.IsConnected) await _client.DisconnectAsync(quit: true); }
            catch (Exception) { /* the messages were accepted; a failed QUIT changes nothing */ }
            _client.Dispose();
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new SmtpClient { Timeout = 60_000 };
        try
        {
            if (o.SmtpCertificateSha256 is { Length: > 0 } pin) client.ServerCertificateValidationCallback = CertificatePin.Callback(pin);
            var security = o.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : o.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not configured."), o.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task PickUpAsync(OutboxMessage m, IReadOnlyList<OutgoingAttachment> attachments, CancellationToken ct)
    {
        var o = options.Value;
        using var message = OutgoingMail.Build(m, attachments);
        var dir = SettingsFile.Resolve(configuration, o.PickupDirectory);
        Directory.CreateDirectory(dir);
        // Written aside, then renamed: a pickup reader never sees half a message.
        var name = $"{m.Id:D10}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(dir, "." + name + ".tmp");
        await message.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(dir, name));
    }
}
