using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PrivacyDesk.Data.Providers;

/// <summary>
/// "Only one at a time, across every app node": background work (an outbox pass, a mailbox poll, the
/// retention purge, start-up seeding) runs under a named lease. On SQLite there is one node, and the lease
/// is a lock of this process. On PostgreSQL it is a session advisory lock held on a connection of its own:
/// a node that dies (even kill -9) drops that connection and the server frees the lock at once, so the
/// work is never held up by a dead node, and never done by two live ones at the same time. The work
/// itself stays transactional: what a dead node had not committed is simply done again by the next one.
/// </summary>
public abstract class WorkLeases
{
    public static WorkLeases For(DatabaseTarget target) =>
        target.IsPostgres ? new PostgresWorkLeases(target.ConnectionString) : new ProcessWorkLeases();

    /// <summary>Waits until this node holds the named lease; dispose the result to release it.</summary>
    public abstract Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct);

    /// <summary>Takes the lease if nobody holds it; null when another node (or task) does.</summary>
    public abstract Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct);

    /// <summary>The advisory-lock key of a name: stable across processes and versions (not string.GetHashCode).</summary>
    public static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("PrivacyDesk:" + name)), 0);
}

internal sealed class ProcessWorkLeases : WorkLeases
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public override async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    public override async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, ct) ? new Release(gate) : null;
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _done;
        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class PostgresWorkLeases(string connectionString) : WorkLeases
{
    // Not pooled: the lock belongs to the server session, which must end with the lease (or with the node).
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        { Pooling = false, ApplicationName = "PrivacyDesk lease", KeepAlive = 10 }.ConnectionString;

    public override async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct)
    {
        // Tried every 200 ms rather than a blocking pg_advisory_lock: cancellation and the command timeout stay ours.
        while (true)
        {
            if (await TryAcquireAsync(name, ct) is { } lease) return lease;
            await Task.Delay(200, ct);
        }
    }

    public override async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", KeyOf(name));
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return new Lease(connection, KeyOf(name));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                cmd.Parameters.AddWithValue("key", key);
                await cmd.ExecuteScalarAsync();
            }
            catch (NpgsqlException) { /* the session is gone, and the lock with it */ }
            finally { await connection.DisposeAsync(); }
        }
    }
}
