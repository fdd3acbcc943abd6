using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.ServiceDefaults.Data;

namespace Operators.Booking.Bookings;

/// <summary>
/// Runs a booking decision in its own transaction, retried from scratch when the database reports a lost
/// race (deadlock, serialization failure, busy SQLite, a concurrent allowance update). The work returns
/// whether to commit; nothing it added survives a refusal or a failure.
/// </summary>
public sealed class BookingTransaction(BookingDbContext db)
{
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<(T Result, bool Commit)>> work, CancellationToken ct) =>
        TransientDatabaseFailures.RetryAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (result, commit) = await work(ct);
            if (commit)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }

            return result;
        });
}
