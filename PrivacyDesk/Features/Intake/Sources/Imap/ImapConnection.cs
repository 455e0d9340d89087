using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace PrivacyDesk.Features.Intake.Sources.Imap;

/// <summary>
/// The byte level of IMAP4rev1 (RFC 3501): CRLF lines, {n} literals, tagged commands. Reads
/// through its own buffer so that a literal of any size arrives exactly, whatever the TCP framing.
/// </summary>
internal sealed class ImapConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;
    private int _tag;

    private ImapConnection(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    public static async Task<ImapConnection> OpenAsync(string host, int port, bool implicitTls, TimeSpan timeout,
        RemoteCertificateValidationCallback? validate, CancellationToken ct)
    {
        var tcp = new TcpClient { ReceiveTimeout = (int)timeout.TotalMilliseconds, SendTimeout = (int)timeout.TotalMilliseconds };
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        connectTimeout.CancelAfter(timeout);
        await tcp.ConnectAsync(host, port, connectTimeout.Token);
        Stream stream = tcp.GetStream();
        if (implicitTls) stream = await TlsAsync(stream, host, validate, ct);
        return new ImapConnection(tcp, stream) { _validate = validate };
    }

    public bool IsLoopback => _tcp.Client.RemoteEndPoint is IPEndPoint ep && IPAddress.IsLoopback(ep.Address);

    private RemoteCertificateValidationCallback? _validate;

    public async Task UpgradeToTlsAsync(string host, CancellationToken ct) => _stream = await TlsAsync(_stream, host, _validate, ct);

    private static async Task<Stream> TlsAsync(Stream inner, string host, RemoteCertificateValidationCallback? validate, CancellationToken ct)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        // By default the system's trust store decides; a caller may pin a certificate instead (see ImapClient).
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = validate }, ct);
        return ssl;
    }

    public string NextTag() => $"A{++_tag:D4}";

    public async Task WriteLineAsync(string line, CancellationToken ct)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), ct);
        await _stream.FlushAsync(ct);
    }

    /// <summary>Reads one response line; literals it announces are read into <paramref name="literals"/>.</summary>
    public async Task<string> ReadResponseAsync(List<byte[]> literals, CancellationToken ct)
    {
        var text = new StringBuilder();
        while (true)
        {
            var line = await ReadLineAsync(ct);
            text.Append(line);
            // A line ending in {n} announces n bytes of literal data, after which the response continues.
            if (line.EndsWith('}') && line.LastIndexOf('{') is var open and >= 0
                && int.TryParse(line.AsSpan(open + 1, line.Length - open - 2), out var size) && size >= 0)
            {
                literals.Add(await ReadExactAsync(size, ct));
                continue;
            }
            return text.ToString();
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end) await FillAsync(ct);
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line.Write(span[..nl]);
                _start += nl + 1;
                var bytes = line.ToArray();
                var length = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                return Encoding.UTF8.GetString(bytes, 0, length);
            }
            line.Write(span);
            _start = _end;
            if (line.Length > 10 * 1024 * 1024) throw new ImapException("The server sent a line longer than 10 MB.");
        }
    }

    private async Task<byte[]> ReadExactAsync(int size, CancellationToken ct)
    {
        var result = new byte[size];
        var filled = 0;
        while (filled < size)
        {
            if (_start == _end) await FillAsync(ct);
            var n = Math.Min(size - filled, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, filled, n);
            _start += n;
            filled += n;
        }
        return result;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, ct);
        if (_end == 0) throw new ImapException("The IMAP server closed the connection.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
