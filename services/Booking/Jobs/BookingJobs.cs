using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.DayPasses;
using Operators.Booking.Persistence;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Booking.Jobs;

/// <summary>Hangfire jobs of the booking service. Each carries or finds its space and runs inside it.</summary>
public sealed class BookingJobs(BookingDbContext db, ITenantContext tenants, Outbox<BookingDbContext> outbox, TimeProvider clock)
{
    public const string NoShowJobId = "booking-no-shows";
    public const string HoldSweepJobId = "booking-day-pass-holds";
    public const string IdempotencyCleanupJobId = "booking-idempotency-cleanup";

    /// <summary>How long an <c>Idempotency-Key</c> answer is kept for replay.</summary>
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(7);

    /// <summary>Scheduled for each online day pass at the end of its hold.</summary>
    public async Task ExpireDayPassHoldAsync(Guid tenantId, Guid dayPassId)
    {
        using (tenants.Change(tenantId))
        {
            var pass = await db.DayPasses.AsNoTracking().FirstOrDefaultAsync(p => p.Id == dayPassId);
            if (pass?.HoldExpiresAt <= clock.GetUtcNow().UtcDateTime)
            {
                await DayPassHolds.ReleaseAsync(db, dayPassId, CancellationToken.None);
                await db.SaveChangesAsync();
            }
        }
    }

    /// <summary>Recurring: expired holds whose scheduled job was lost (capacity is already free: queries ignore expired holds).</summary>
    public async Task SweepExpiredHoldsAsync()
    {
        foreach (var space in await SpacesAsync())
        {
            using (tenants.Change(space))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var expired = await db.DayPasses.Where(p => p.Status == DayPassStatus.Held && p.HoldExpiresAt <= now).Select(p => p.Id).ToListAsync();
                foreach (var id in expired)
                {
                    await DayPassHolds.ReleaseAsync(db, id, CancellationToken.None);
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Recurring: bookings not checked in within the grace period become no-shows and free their capacity.</summary>
    public async Task MarkNoShowsAsync()
    {
        foreach (var space in await SpacesAsync())
        {
            using (tenants.Change(space))
            {
                var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync() ?? new Settings.BookingSettings();
                var now = clock.GetUtcNow().UtcDateTime;
                var startedBefore = now.AddMinutes(-settings.NoShowGraceMinutes);
                var missed = await db.Bookings
                    .Where(b => b.Status == BookingStatus.Confirmed && b.Start <= startedBefore && b.Start > now.AddDays(-7) && b.EventId == null)
                    .ToListAsync();
                foreach (var booking in missed)
                {
                    booking.Status = BookingStatus.NoShow;
                    outbox.Publish(new BookingNoShow(booking.Id, booking.MemberId, new DateTimeOffset(now)));
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Daily: forgets idempotency answers older than <see cref="IdempotencyRetention"/> (clients retry within minutes).</summary>
    public async Task ForgetOldIdempotencyKeysAsync()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - IdempotencyRetention;
        foreach (var space in await SpacesAsync())
        {
            using (tenants.Change(space))
            {
                await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync();
            }
        }
    }

    private Task<List<Guid>> SpacesAsync() => db.Set<ProvisionedSpace>().AsNoTracking().Select(s => s.Id).ToListAsync();
}
