using Microsoft.Data.Sqlite;

namespace PrivacyDesk.Data;

public enum StorageProblem { ReadOnly, Full, Unavailable, Busy }

/// <summary>
/// The database cannot take a write (file or disk read-only, disk full, I/O error, or another program
/// holding its write lock for longer than the busy timeout). Raised instead of
/// SQLite's own exception so that pages can say so plainly and keep what the user typed, rather than
/// leaving a dead circuit; nothing was saved.
/// </summary>
public sealed class StorageUnavailableException(StorageProblem problem, Exception inner)
    : InvalidOperationException($"The database cannot be written ({problem}): {inner.Message}", inner)
{
    public StorageProblem Problem { get; } = problem;

    /// <summary>The UI text that says what happened ("Nothing was saved: ...").</summary>
    public string TextKey => $"Error.Storage.{Problem}";

    /// <summary>Runs a database operation, saying a database that cannot be written as this exception rather than SQLite's.</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (From(e) is { } storage)
        {
            throw storage;
        }
    }

    /// <summary>
    /// SQLite's result codes for "cannot write": BUSY (5), LOCKED (6), READONLY (8), IOERR (10), FULL (13), CANTOPEN (14);
    /// PostgreSQL's classes: disk full (53100), read-only (25006), lock or serialisation conflicts and timeouts (40001,
    /// 40P01, 55P03, 57014), the server gone or refusing (08xxx, 57P0x), and Npgsql's own failure to reach it.
    /// </summary>
    public static StorageUnavailableException? From(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SqliteException s)
                return s.SqliteErrorCode switch
                {
                    5 or 6 => new StorageUnavailableException(StorageProblem.Busy, s),
                    8 => new StorageUnavailableException(StorageProblem.ReadOnly, s),
                    13 => new StorageUnavailableException(StorageProblem.Full, s),
                    10 or 14 => new StorageUnavailableException(StorageProblem.Unavailable, s),
                    _ => null,
                };
            if (x is Npgsql.PostgresException pg)
                return pg.SqlState switch
                {
                    "53100" => new StorageUnavailableException(StorageProblem.Full, pg),
                    "25006" => new StorageUnavailableException(StorageProblem.ReadOnly, pg),
                    "40001" or "40P01" or "55P03" or "57014" => new StorageUnavailableException(StorageProblem.Busy, pg),
                    var state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal)
                        => new StorageUnavailableException(StorageProblem.Unavailable, pg),
                    _ => null,
                };
            if (x is Npgsql.NpgsqlException n)
                return new StorageUnavailableException(x.InnerException is TimeoutException ? StorageProblem.Busy : StorageProblem.Unavailable, n);
        }
        return null;
    }
}

public static class DatabaseWrites
{
    /// <summary>
    /// Starts a write transaction. SQLite takes the write lock at BEGIN, so a database that another
    /// program holds, or that cannot be written, fails here first: said as a StorageUnavailableException.
    /// </summary>
    public static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginWriteAsync(
        this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken ct) =>
        StorageUnavailableException.TranslateAsync(() => database.BeginTransactionAsync(ct));
}
