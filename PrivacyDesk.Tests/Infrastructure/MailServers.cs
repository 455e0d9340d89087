using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>A real Dovecot IMAP server on loopback, from testdata/fixtures/dovecot-test.conf, with one user.</summary>
public sealed class DovecotServer : IAsyncDisposable
{
    private readonly Process _process;
    public string Root { get; }
    public int Port { get; }
    public string User => "privacy@example.ca";
    public string Password => "Imap-Pass-2026";

    private DovecotServer(Process process, string root, int port)
    {
        _process = process;
        Root = root;
        Port = port;
    }

    public int TlsPort { get; private set; }

    /// <summary>SHA-256 fingerprint of the self-signed certificate when started with TLS.</summary>
    public string? CertificateSha256 { get; private set; }

    /// <summary>The OAuth access token the introspection endpoint accepts, when started with OAuth.</summary>
    public string OAuthToken => "good-token-2026";

    private Process? _introspection;

    /// <param name="tls">Also serve implicit TLS (imaps) and STARTTLS, with a fresh self-signed certificate.</param>
    /// <param name="oauth">Also accept XOAUTH2, with tokens checked by a small OAuth 2.0 introspection endpoint (RFC 7662) in Python.</param>
    public static async Task<DovecotServer> StartAsync(bool tls = false, bool oauth = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "pd-dovecot-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "mail"));
        var port = FreePort.Next();
        var conf = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "dovecot-test.conf"))
            .Replace("@ROOT@", root).Replace("port = 10143", $"port = {port}");
        var tlsPort = 0;
        string? fingerprint = null;
        if (tls)
        {
            tlsPort = FreePort.Next();
            Run("openssl", $"req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout {root}/key.pem -out {root}/cert.pem");
            var pem = File.ReadAllLines($"{root}/cert.pem").Where(l => !l.StartsWith("-----")).ToArray();
            using var cert = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(pem)));
            fingerprint = cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            conf = conf.Replace("ssl = no", $"ssl = yes\nssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem")
                .Replace("port = 0", $"port = {tlsPort}");
        }
        Process? introspection = null;
        if (oauth)
        {
            var introspectionPort = FreePort.Next();
            File.WriteAllText(Path.Combine(root, "introspect.py"), $$"""
                import http.server, json, urllib.parse
                class H(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode()
                        ok = urllib.parse.parse_qs(body).get('token', [''])[0] == 'good-token-2026'
                        data = json.dumps({"active": "true", "username": "privacy@example.ca"} if ok else {"active": "false"}).encode()
                        self.send_response(200); self.send_header('Content-Type', 'application/json')
                        self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
                    def log_message(self, *a): pass
                http.server.HTTPServer(('127.0.0.1', {{introspectionPort}}), H).serve_forever()
                """);
            introspection = Process.Start(new ProcessStartInfo("/usr/bin/python3", Path.Combine(root, "introspect.py")) { RedirectStandardError = true })!;
            File.WriteAllText(Path.Combine(root, "oauth2.conf"),
                $"introspection_mode = post\nintrospection_url = http://127.0.0.1:{introspectionPort}/introspect\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n");
            conf = conf.Replace("auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2")
                   + $"\npassdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n  args = {root}/oauth2.conf\n}}\n";
            for (var i = 0; i < 50; i++)
            {
                try { using var probe = new TcpClient(); await probe.ConnectAsync(IPAddress.Loopback, introspectionPort); break; }
                catch (SocketException) { await Task.Delay(100); }
            }
        }
        var confPath = Path.Combine(root, "dovecot.conf");
        File.WriteAllText(confPath, conf);
        File.WriteAllText(Path.Combine(root, "users"), "privacy@example.ca:{PLAIN}Imap-Pass-2026\n");
        // The mail store belongs to the dovecot user the fixture maps every mailbox to.
        Run("chown", $"-R dovecot:dovecot {Path.Combine(root, "mail")}");
        Run("chmod", $"755 {root}");
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", $"-F -c {confPath}") { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var server = new DovecotServer(process, root, port) { TlsPort = tlsPort, CertificateSha256 = fingerprint, _introspection = introspection };
        await server.WaitForPortAsync();
        return server;
    }

    private async Task WaitForPortAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Dovecot exited: {await _process.StandardError.ReadToEndAsync()} {Log()}");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("Dovecot did not listen within 10 s. " + Log());
    }

    public string Log() => File.Exists(Path.Combine(Root, "dovecot.log")) ? File.ReadAllText(Path.Combine(Root, "dovecot.log")) : "";

    /// <summary>Appends messages with Python's imaplib: an IMAP client that is not ours puts the mail there.</summary>
    public void Append(string folder, params byte[][] messages)
    {
        var dir = Path.Combine(Root, "append-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        for (var i = 0; i < messages.Length; i++) File.WriteAllBytes(Path.Combine(dir, $"{i:D5}.eml"), messages[i]);
        Python($"""
            import imaplib, os, sys
            m = imaplib.IMAP4('127.0.0.1', {Port})
            m.login('{User}', '{Password}')
            m.create('{folder}')
            for f in sorted(os.listdir('{dir}')):
                typ, data = m.append('{folder}', None, None, open(os.path.join('{dir}', f), 'rb').read())
                if typ != 'OK': sys.exit('APPEND failed: ' + str(data))
            m.logout()
            """);
    }

    /// <summary>How many messages a folder holds and how many are unseen, as Python's imaplib sees it.</summary>
    public (int Total, int Unseen) Count(string folder)
    {
        var output = Python($"""
            import imaplib
            m = imaplib.IMAP4('127.0.0.1', {Port})
            m.login('{User}', '{Password}')
            typ, data = m.status('{folder}', '(MESSAGES UNSEEN)')
            print(data[0].decode())
            m.logout()
            """);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"MESSAGES (\d+)").Groups[1].Value);
        var unseen = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"UNSEEN (\d+)").Groups[1].Value);
        return (total, unseen);
    }

    internal static string Python(string script)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(string.Join('\n', script.Split('\n').Select(l => l.TrimEnd())));
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"python failed: {error}");
        return output;
    }

    private static void Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args}: {p.StandardError.ReadToEnd()}");
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); } catch (InvalidOperationException) { }
        _process.Dispose();
        if (_introspection is not null)
        {
            try { _introspection.Kill(); await _introspection.WaitForExitAsync(); } catch (InvalidOperationException) { }
            _introspection.Dispose();
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) delivering into a Maildir the test reads.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    public int Port { get; }
    public string Maildir { get; }

    private SmtpSink(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    /// <summary>The SHA-256 of the server's certificate, when it was started with STARTTLS.</summary>
    public string? CertificateSha256 { get; private init; }

    public const string User = "relay", Password = "relay-secret-42";

    /// <param name="startTlsWithLogin">A submission server as providers run them: STARTTLS required (self-signed certificate), then AUTH LOGIN/PLAIN with <see cref="User"/>.</param>
    public static async Task<SmtpSink> StartAsync(int? onPort = null, bool startTlsWithLogin = false)
    {
        var port = onPort ?? FreePort.Next();
        var maildir = Path.Combine(Path.GetTempPath(), "pd-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        var psi = new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox {maildir}")
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        string? fingerprint = null;
        if (startTlsWithLogin)
        {
            var dir = maildir + "-tls";
            Directory.CreateDirectory(dir);
            using (var openssl = Process.Start(new ProcessStartInfo("openssl", $"req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout {dir}/key.pem -out {dir}/cert.pem") { RedirectStandardError = true })!)
                openssl.WaitForExit();
            var pem = File.ReadAllLines($"{dir}/cert.pem").Where(l => !l.StartsWith("-----")).ToArray();
            using (var cert = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(pem))))
                fingerprint = cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            File.WriteAllText(Path.Combine(dir, "server.py"), $$"""
                import ssl, time
                from aiosmtpd.controller import Controller
                from aiosmtpd.handlers import Mailbox
                from aiosmtpd.smtp import AuthResult, LoginPassword
                def auth(server, session, envelope, mechanism, data):
                    ok = isinstance(data, LoginPassword) and data.login == b'{{User}}' and data.password == b'{{Password}}'
                    return AuthResult(success=ok, handled=False)
                ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                ctx.load_cert_chain('{{dir}}/cert.pem', '{{dir}}/key.pem')
                c = Controller(Mailbox('{{maildir}}'), hostname='127.0.0.1', port={{port}}, tls_context=ctx, require_starttls=True,
                               auth_required=True, auth_require_tls=True, authenticator=auth)
                c.start()
                while True: time.sleep(3600)
                """);
            psi = new ProcessStartInfo("/usr/bin/python3", Path.Combine(dir, "server.py")) { RedirectStandardError = true, RedirectStandardOutput = true };
        }
        var process = Process.Start(psi)!;
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("aiosmtpd exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSink(process, port, maildir) { CertificateSha256 = fingerprint };
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("aiosmtpd did not listen within 10 s.");
    }

    /// <summary>Every message delivered so far, as raw bytes.</summary>
    public List<byte[]> Messages() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Order().Select(File.ReadAllBytes).ToList();

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}

public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
