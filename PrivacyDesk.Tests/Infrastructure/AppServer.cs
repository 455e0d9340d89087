using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// The real app as a child process (its own build output, Kestrel on a free loopback port, a fresh
/// SQLite file), filled by its own `seed-demo` verb. Browser tests drive it through Chromium.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private Process? _process;
    private string? _postgres;

    /// <summary>The server's PostgreSQL database on a PostgreSQL run; null on SQLite (see <see cref="DatabasePath"/>).</summary>
    public string? PostgresConnectionString => _postgres;
    private readonly StringBuilder _log = new();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "pd-app-" + Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public string DatabasePath => Path.Combine(Directory, "data", "privacydesk.db");
    public string DemoPassword { get; private set; } = "";
    public string Log { get { lock (_log) return _log.ToString(); } }

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Outgoing mail goes to a real SMTP server (aiosmtpd) that tests can read. A short busy timeout
        // lets the locked-database tests see the failure in 3 s instead of the default 30.
        Smtp = await SmtpSink.StartAsync();
        // On a PostgreSQL run (TestDatabase), the server process and its CLI verbs share a fresh database of their own.
        _postgres = TestDatabase.IsPostgres ? await TestDatabase.CreatePostgresAsync() : null;
        var provider = _postgres is null ? "" : $$""", "Provider": "Postgres", "ConnectionString": "{{_postgres}}" """;
        File.WriteAllText(Path.Combine(Directory, "appsettings.json"), $$"""
            { "Database": { "Path": "data/privacydesk.db", "BusyTimeoutSeconds": 3 {{provider}} },
              "Security": { "SignInAttemptsPerMinute": 100000, "ApiRequestsPerMinute": 100000 },
              "Mail": { "Transport": "Smtp", "SmtpHost": "127.0.0.1", "SmtpPort": {{Smtp.Port}}, "SmtpStartTls": false, "PollSeconds": 1 },
              "Logging": { "LogLevel": { "Default": "Warning" } } }
            """);
        var seed = await RunCliAsync("seed-demo", "--customers", "200", "--requests", "120");
        if (seed.ExitCode != 0) throw new InvalidOperationException("seed-demo failed: " + seed.Output);
        DemoPassword = (await File.ReadAllTextAsync(Path.Combine(Directory, "data", "demo-admin.txt"))).Trim();

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _process = Start(["serve", "--urls", BaseUrl]);
        await WaitUntilServingAsync();
    }

    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private readonly Dictionary<string, string> _keys = [];

    /// <summary>An intake API key for a merchant, made once by the app's own create-api-key verb.</summary>
    public async Task<string> ApiKeyAsync(string slug)
    {
        await _keyLock.WaitAsync();
        try
        {
            if (_keys.TryGetValue(slug, out var key)) return key;
            var (exit, output) = await RunCliAsync("create-api-key", "--merchant", slug);
            if (exit != 0) throw new InvalidOperationException("create-api-key failed: " + output);
            return _keys[slug] = output.Trim().Split('\n')[^1].Trim();
        }
        finally { _keyLock.Release(); }
    }

    /// <summary>Opens a request through the intake API and returns its reference.</summary>
    public async Task<string> PostRequestAsync(string slug, string json)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", await ApiKeyAsync(slug));
        var response = await http.PostAsync("/api/v1/requests", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/v1/requests: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }

    /// <summary>Runs a CLI verb of the app against this server's database.</summary>
    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) => RunCliWithSettingsAsync(null, args);

    /// <summary>
    /// A customer of the test's own in the demo's Laval store, imported with the app's CLI, so that no
    /// other test (an erasure, a rectification) changes what this one reads. Returns her account and email.
    /// </summary>
    public async Task<(string Account, string Email)> ImportCustomerAsync(string firstName, string lastName, string prefix, string language = "fr")
    {
        var account = prefix + Random.Shared.Next(10000, 99999);
        // "Hélène" gives "helene": the accents dropped (decomposed, then ASCII letters only).
        var local = new string(firstName.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant();
        var email = $"{local}.{account.ToLowerInvariant()}@example.com";
        var csv = Path.Combine(Directory, $"{account}.csv");
        await File.WriteAllTextAsync(csv, $"account_number,first_name,last_name,email,language\n{account},{firstName},{lastName},{email},{language}\n");
        var (exit, output) = await RunCliAsync("import-customers", "--merchant", "mm-laval", csv);
        if (exit != 0) throw new InvalidOperationException("import-customers failed: " + output);
        return (account, email);
    }

    /// <summary>Runs a CLI verb against another settings file (e.g. a restored copy of the database).</summary>
    public async Task<(int ExitCode, string Output)> RunCliWithSettingsAsync(string? settingsPath, params string[] args)
    {
        using var process = Start(args, settingsPath);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private Process Start(string[] args, string? settingsPath = null)
    {
        var info = new ProcessStartInfo(RepoPaths.AppExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["PRIVACYDESK_SETTINGS"] = settingsPath ?? Path.Combine(Directory, "appsettings.json");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + RepoPaths.AppExecutable);
        if (args[0] == "serve")
        {
            process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException("The app exited at start-up:\n" + Log);
            try
            {
                var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not answer /health within 60 s:\n" + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The serving process, for measurements (resident memory).</summary>
    public int ProcessId => _process!.Id;

    /// <summary>The SMTP server the app sends through.</summary>
    public SmtpSink Smtp { get; private set; } = null!;

    public async ValueTask DisposeAsync()
    {
        if (Smtp is not null) await Smtp.DisposeAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        await TestDatabase.DropAsync(_postgres);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppServerCollection : ICollectionFixture<AppServer>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "app server";
}
