using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Features.Intake.Sources.Imap;

/// <summary>One message fetched by UID: its bytes and the server's INTERNALDATE (when the mailbox received it).</summary>
public sealed record ImapMessage(long Uid, byte[] Raw, DateTimeOffset? InternalDate);

/// <summary>
/// The small IMAP client intake needs: implicit TLS or STARTTLS (plain text only for an explicitly
/// allowed loopback server), LOGIN / AUTHENTICATE PLAIN / XOAUTH2, SELECT with UIDVALIDITY,
/// UID SEARCH, UID FETCH of whole messages (BODY.PEEK, so nothing is marked read before we commit),
/// and marking \Seen or moving to a processed folder afterwards.
/// </summary>
public sealed partial class ImapClient : IAsyncDisposable
{
    private ImapConnection? _connection;
    private HashSet<string> _capabilities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> Capabilities => _capabilities;
    public long UidValidity { get; private set; }

    private ImapConnection Connection => _connection ?? throw new InvalidOperationException("Not connected.");

    /// <param name="pinnedCertificateSha256">For a server with a self-signed certificate: its SHA-256 fingerprint (hex), trusted instead of the system store.</param>
    public async Task ConnectAsync(string host, int port, ImapSecurity security, bool allowPlaintextLoopback, CancellationToken ct,
        TimeSpan? timeout = null, string? pinnedCertificateSha256 = null)
    {
        System.Net.Security.RemoteCertificateValidationCallback? validate = pinnedCertificateSha256 is null ? null
            : (_, cert, _, _) => cert is not null && string.Equals(cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                pinnedCertificateSha256.Replace(":", ""), StringComparison.OrdinalIgnoreCase);
        _connection = await ImapConnection.OpenAsync(host, port, security == ImapSecurity.Tls, timeout ?? TimeSpan.FromSeconds(30), validate, ct);
        if (security == ImapSecurity.None && !(allowPlaintextLoopback && _connection.IsLoopback))
            throw new ImapException("Plain-text IMAP is refused: use TLS or STARTTLS (plain text is allowed only for a loopback server when the mailbox says so).");
        var greeting = await _connection.ReadResponseAsync([], ct);
        if (!greeting.StartsWith("* OK", StringComparison.OrdinalIgnoreCase) && !greeting.StartsWith("* PREAUTH", StringComparison.OrdinalIgnoreCase))
            throw new ImapException($"Unexpected IMAP greeting: {Short(greeting)}");
        await RefreshCapabilitiesAsync(ct);
        if (security == ImapSecurity.StartTls)
        {
            if (!_capabilities.Contains("STARTTLS")) throw new ImapException("The server does not offer STARTTLS.");
            await RequireOkAsync("STARTTLS", ct);
            await _connection.UpgradeToTlsAsync(host, ct);
            await RefreshCapabilitiesAsync(ct); // capabilities before TLS cannot be trusted (RFC 3501 6.2.1)
        }
    }

    public async Task AuthenticateAsync(ImapAuthMethod method, string user, string secret, CancellationToken ct)
    {
        switch (method)
        {
            case ImapAuthMethod.Login:
                await RequireOkAsync($"LOGIN {Quote(user)} {Quote(secret)}", ct, redacted: "LOGIN");
                break;
            case ImapAuthMethod.Plain:
                await SaslAsync("PLAIN", Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{secret}")), ct);
                break;
            case ImapAuthMethod.XOAuth2:
                await SaslAsync("XOAUTH2", Convert.ToBase64String(Encoding.UTF8.GetBytes($"user={user}\u0001auth=Bearer {secret}\u0001\u0001")), ct);
                break;
        }
        await RefreshCapabilitiesAsync(ct);
    }

    private async Task SaslAsync(string mechanism, string initialResponse, CancellationToken ct)
    {
        var c = Connection;
        var tag = c.NextTag();
        await c.WriteLineAsync($"{tag} AUTHENTICATE {mechanism}", ct);
        var sentResponse = false;
        while (true)
        {
            var line = await c.ReadResponseAsync([], ct);
            if (line.StartsWith('+'))
            {
                // First challenge: send our response. A second one carries an error (XOAUTH2): answer empty to end the exchange.
                await c.WriteLineAsync(sentResponse ? "" : initialResponse, ct);
                sentResponse = true;
                continue;
            }
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                var status = line[(tag.Length + 1)..];
                if (!status.StartsWith("OK", StringComparison.OrdinalIgnoreCase))
                    throw new ImapException($"AUTHENTICATE {mechanism} refused: {Short(status)}");
                return;
            }
        }
    }

    public async Task SelectAsync(string folder, CancellationToken ct)
    {
        var r = await RequireOkAsync($"SELECT {Quote(folder)}", ct);
        foreach (var u in r.Untagged)
            if (UidValidityCode().Match(u.Text) is { Success: true } m) UidValidity = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public async Task<List<long>> UidSearchAsync(string criteria, CancellationToken ct)
    {
        var r = await RequireOkAsync($"UID SEARCH {criteria}", ct);
        var uids = new List<long>();
        foreach (var u in r.Untagged.Where(u => u.Text.StartsWith("* SEARCH", StringComparison.OrdinalIgnoreCase)))
            uids.AddRange(u.Text[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)));
        uids.Sort();
        return uids;
    }

    public async Task<ImapMessage?> UidFetchAsync(long uid, CancellationToken ct)
    {
        var r = await RequireOkAsync($"UID FETCH {uid} (UID INTERNALDATE BODY.PEEK[])", ct);
        foreach (var u in r.Untagged)
        {
            if (!u.Text.Contains("FETCH", StringComparison.OrdinalIgnoreCase) || u.Literals.Count == 0) continue;
            if (FetchUid().Match(u.Text) is { Success: true } m && long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) != uid) continue;
            // INTERNALDATE is "17-Jul-2026 02:44:25 -0700": the date's dashes become spaces for the mail date reader.
            DateTimeOffset? internalDate = InternalDate().Match(u.Text) is { Success: true } d
                ? Mime.MailDates.Parse(d.Groups[1].Value.Trim().Replace('-', ' ').Replace("  ", " -")) : null;
            return new ImapMessage(uid, u.Literals[^1], internalDate);
        }
        return null;
    }

    public Task MarkSeenAsync(long uid, CancellationToken ct) => RequireOkAsync($"UID STORE {uid} +FLAGS.SILENT (\\Seen)", ct);

    public async Task MoveAsync(long uid, string folder, CancellationToken ct)
    {
        if (_capabilities.Contains("MOVE"))
        {
            await RequireOkAsync($"UID MOVE {uid} {Quote(folder)}", ct);
            return;
        }
        await RequireOkAsync($"UID COPY {uid} {Quote(folder)}", ct);
        await RequireOkAsync($"UID STORE {uid} +FLAGS.SILENT (\\Seen \\Deleted)", ct);
        await RequireOkAsync(_capabilities.Contains("UIDPLUS") ? $"UID EXPUNGE {uid}" : "EXPUNGE", ct);
    }

    public async Task CreateFolderIfMissingAsync(string folder, CancellationToken ct)
    {
        var r = await CommandAsync($"CREATE {Quote(folder)}", ct);
        if (!r.Ok && !r.Text.Contains("ALREADYEXISTS", StringComparison.OrdinalIgnoreCase) && !r.Text.Contains("exists", StringComparison.OrdinalIgnoreCase))
            throw new ImapException($"CREATE {folder}: {Short(r.Text)}");
    }

    public async Task LogoutAsync(CancellationToken ct)
    {
        if (_connection is null) return;
        try { await CommandAsync("LOGOUT", ct); } catch (IOException) { }
    }

    private async Task RefreshCapabilitiesAsync(CancellationToken ct)
    {
        var r = await RequireOkAsync("CAPABILITY", ct);
        _capabilities = new HashSet<string>(
            r.Untagged.Where(u => u.Text.StartsWith("* CAPABILITY", StringComparison.OrdinalIgnoreCase))
                .SelectMany(u => u.Text[12..].Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<ImapResponse> RequireOkAsync(string command, CancellationToken ct, string? redacted = null)
    {
        var r = await CommandAsync(command, ct);
        if (!r.Ok) throw new ImapException($"{redacted ?? command.Split(' ')[0]} failed: {r.Status} {Short(r.Text)}");
        return r;
    }

    public async Task<ImapResponse> CommandAsync(string command, CancellationToken ct)
    {
        var c = Connection;
        var tag = c.NextTag();
        await c.WriteLineAsync($"{tag} {command}", ct);
        var untagged = new List<ImapUntagged>();
        while (true)
        {
            var literals = new List<byte[]>();
            var line = await c.ReadResponseAsync(literals, ct);
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                var rest = line[(tag.Length + 1)..];
                var space = rest.IndexOf(' ');
                return new ImapResponse((space < 0 ? rest : rest[..space]).ToUpperInvariant(), space < 0 ? "" : rest[(space + 1)..], untagged);
            }
            if (line.StartsWith("* BYE", StringComparison.OrdinalIgnoreCase) && !command.Equals("LOGOUT", StringComparison.OrdinalIgnoreCase))
                throw new ImapException($"The server ended the session: {Short(line)}");
            untagged.Add(new ImapUntagged(line, literals));
        }
    }

    /// <summary>An IMAP quoted string; characters outside printable ASCII are sent as UTF-8 (servers with UTF8=ACCEPT and Dovecot take them).</summary>
    internal static string Quote(string s)
    {
        if (s.Contains('\r') || s.Contains('\n')) throw new ArgumentException("IMAP strings cannot contain line breaks.", nameof(s));
        return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static string Short(string s) => s.Length > 200 ? s[..200] + "…" : s;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    [GeneratedRegex(@"\[UIDVALIDITY (\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex UidValidityCode();

    [GeneratedRegex(@"\bUID (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FetchUid();

    [GeneratedRegex("INTERNALDATE \"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex InternalDate();
}
