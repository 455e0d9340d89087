using Microsoft.Data.Sqlite;
using Npgsql;

namespace PrivacyDesk.Data.Providers;

/// <summary>What a database error means, whichever provider raised it: services ask these, never error codes.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite constraint 19, PostgreSQL 23505): someone else stored it first.</summary>
    public static bool IsUniqueViolation(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SqliteException { SqliteErrorCode: 19 } s && (s.SqliteExtendedErrorCode is 2067 or 1555 || s.Message.Contains("UNIQUE", StringComparison.Ordinal))) return true;
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        }
        return false;
    }

    /// <summary>Any error raised by the database itself (as opposed to our code): kept apart from message faults in intake.</summary>
    public static bool IsDatabaseError(Exception e) => e is SqliteException or NpgsqlException;
}
