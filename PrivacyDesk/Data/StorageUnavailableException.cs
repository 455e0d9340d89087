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

    /// <summary>SQLite's result codes for "cannot write": BUSY (5), LOCKED (6), READONLY (8), IOERR (10), FULL (13), CANTOPEN (14).</summary>
    public static StorageUnavailableException? From(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SqliteException s)
                return s.SqliteErrorCode switch
                {
                    5 or 6 => new StorageUnavailableException(StorageProblem.Busy, s),
                    8 => new StorageUnavailableException(StorageProblem.ReadOnly, s),
                    13 => new StorageUnavailableException(StorageProblem.Full, s),
                    10 or 14 => new StorageUnavailableException(StorageProblem.Unavailable, s),
                    _ => null,
                };
        return null;
    }
}
