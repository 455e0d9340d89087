using System.Diagnostics;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// Another program holding the app's SQLite file: a separate process (Python's sqlite3) that takes the
/// write lock (BEGIN EXCLUSIVE) and keeps it until disposed, as a backup tool or a forgotten sqlite3
/// shell would. In WAL mode readers go on; writers wait for the busy timeout, then fail.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly Process _process;

    private DatabaseLock(Process process) => _process = process;

    public static async Task<DatabaseLock> HoldAsync(string databasePath)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            sys.stdin.read()
            c.execute("ROLLBACK")
            """);
        info.ArgumentList.Add(databasePath);
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(40));
        if (line != "locked") throw new InvalidOperationException("Could not lock the database: " + await process.StandardError.ReadToEndAsync());
        return new DatabaseLock(process);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
