namespace PrivacyDesk.Hosting;

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>SQLite file; relative to the folder of appsettings.json.</summary>
    public string Path { get; set; } = "data/privacydesk.db";

    /// <summary>
    /// How long a write waits for another program's lock on the file (a backup tool, an sqlite3 shell)
    /// before the user is told the database is busy; also the command timeout.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}

/// <summary>Section "Security".</summary>
public sealed class SecurityOptions
{
    /// <summary>Minutes of inactivity after which the sign-in cookie expires (sliding).</summary>
    public int SessionIdleMinutes { get; set; } = 60;

    /// <summary>Absolute cap on a session, whatever the activity.</summary>
    public int SessionMaxHours { get; set; } = 12;

    public int LockoutAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Administrators and privacy officers must sign in with a second factor (TOTP); those without one enrol at their next sign-in.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>Redirect HTTP to HTTPS and send HSTS (behind TLS or a TLS-terminating proxy).</summary>
    public bool RequireHttps { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-Proto/For headers are believed (e.g. "127.0.0.1"
    /// for nginx on the same machine). Empty: such headers are ignored, so nobody can claim HTTPS.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Sign-in and two-step code posts allowed per client address per minute (then 429).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Intake API calls allowed per key (or, without a key, per address) per minute.</summary>
    public int ApiRequestsPerMinute { get; set; } = 60;
}
