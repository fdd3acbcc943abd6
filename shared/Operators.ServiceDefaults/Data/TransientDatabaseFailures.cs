using Microsoft.Data.Sqlite;
using Npgsql;

namespace Operators.ServiceDefaults.Data;

/// <summary>
/// Retries a unit of work that lost a race inside the database — a PostgreSQL serialization failure or
/// deadlock, or SQLite being busy — a few times with a little jitter. The work must start its own transaction.
/// </summary>
public static class TransientDatabaseFailures
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> work, int attempts = 6)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < attempts && IsTransient(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40) * attempt));
            }
        }
    }

    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                return true;
            }

            switch (ex)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        }

        return false;
    }

    /// <summary>A unique-key or exclusion-constraint violation, e.g. an idempotency key inserted twice or an overlap.</summary>
    public static bool IsConstraintViolation(Exception exception, out bool exclusion)
    {
        exclusion = false;
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg when pg.SqlState == PostgresErrorCodes.ExclusionViolation:
                    exclusion = true;
                    return true;
                case PostgresException pg when pg.SqlState == PostgresErrorCodes.UniqueViolation:
                case SqliteException { SqliteErrorCode: 19 }: // SQLITE_CONSTRAINT
                    return true;
            }
        }

        return false;
    }
}
