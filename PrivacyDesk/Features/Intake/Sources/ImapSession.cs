using System.Net;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>An IMAP server said no, in words for the mailbox page (never with the secret in them).</summary>
public sealed class ImapException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A pass that read what it could and left some messages for the next one: the mailbox's error names them.</summary>
public sealed class PartialPollException(string message, int imported) : Exception(message)
{
    public int Imported { get; } = imported;
}

/// <summary>
/// MailKit's IMAP client with the rules our mailboxes set: implicit TLS or STARTTLS, plain text
/// only for a loopback server the mailbox allows it for, a self-signed server trusted by the
/// SHA-256 of its certificate instead of the system store, and LOGIN, AUTHENTICATE PLAIN or XOAUTH2
/// with a supplied token. What a refusal says is ours: MailKit's messages can quote the server.
/// </summary>
public sealed class ImapSession : IAsyncDisposable
{
    private readonly ImapClient _client = new() { Timeout = 30_000 };

    public ImapClient Client => _client;
    public IMailFolder? Folder { get; private set; }
    public uint UidValidity => Folder?.UidValidity ?? 0;

    /// <param name="pinnedCertificateSha256">For a server with a self-signed certificate: its SHA-256 fingerprint (hex), trusted instead of the system store.</param>
    public async Task ConnectAsync(string host, int port, ImapSecurity security, bool allowPlaintextLoopback, CancellationToken ct, string? pinnedCertificateSha256 = null)
    {
        if (security == ImapSecurity.None && !(allowPlaintextLoopback && await IsLoopbackAsync(host, ct)))
            throw new ImapException("Plain-text IMAP is refused: use TLS or STARTTLS (plain text is allowed only for a loopback server when the mailbox says so).");
        if (pinnedCertificateSha256 is { Length: > 0 } pin) _client.ServerCertificateValidationCallback = CertificatePin.Callback(pin);
        var options = security switch
        {
            ImapSecurity.Tls => SecureSocketOptions.SslOnConnect,
            ImapSecurity.StartTls => SecureSocketOptions.StartTls, // required: MailKit refuses to go on without it
            _ => SecureSocketOptions.None,
        };
        await _client.ConnectAsync(host, port, options, ct);
    }

    public async Task AuthenticateAsync(ImapAuthMethod method, string user, string secret, CancellationToken ct)
    {
        try
        {
            switch (method)
            {
                case ImapAuthMethod.Plain:
                    await _client.AuthenticateAsync(new SaslMechanismPlain(user, secret), ct);
                    break;
                case ImapAuthMethod.XOAuth2:
                    await _client.AuthenticateAsync(new SaslMechanismOAuth2(user, secret), ct);
                    break;
                default:
                    // LOGIN: MailKit uses the server's own mechanisms for a user name and password, else the LOGIN command.
                    await _client.AuthenticateAsync(new NetworkCredential(user, secret), ct);
                    break;
            }
        }
        catch (AuthenticationException e)
        {
            var name = method switch { ImapAuthMethod.Plain => "AUTHENTICATE PLAIN refused", ImapAuthMethod.XOAuth2 => "XOAUTH2 refused", _ => "LOGIN failed" };
            throw new ImapException($"{name}: the server did not accept the user name and secret of this mailbox.", e);
        }
    }

    /// <summary>Opens the folder for reading and flagging; its UIDVALIDITY tells whether the server renumbered it.</summary>
    public async Task<IMailFolder> OpenAsync(string folder, CancellationToken ct)
    {
        var f = string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? _client.Inbox : await _client.GetFolderAsync(folder, ct);
        await f.OpenAsync(FolderAccess.ReadWrite, ct);
        return Folder = f;
    }

    /// <summary>The processed folder, made when it does not exist yet.</summary>
    public async Task<IMailFolder> FolderOrCreateAsync(string name, CancellationToken ct)
    {
        try { return await _client.GetFolderAsync(name, ct); }
        catch (FolderNotFoundException)
        {
            var root = _client.GetFolder(_client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, ct) ?? throw new ImapException($"The folder {name} could not be made on the server.");
        }
    }

    private static async Task<bool> IsLoopbackAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var ip)) return IPAddress.IsLoopback(ip);
        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        return addresses.Length > 0 && addresses.All(IPAddress.IsLoopback);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A polite LOGOUT when the connection is still up; a failing one must not keep the socket open.
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or System.Net.Sockets.SocketException or ServiceNotConnectedException or OperationCanceledException) { }
        finally { _client.Dispose(); }
    }
}
