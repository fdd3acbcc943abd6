using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;

namespace Operators.Booking.DayPasses;

internal static class DayPassHolds
{
    /// <summary>Ends a hold: the pass and its booking are released and the seat is free.</summary>
    public static async Task ReleaseAsync(BookingDbContext db, Guid dayPassId, CancellationToken ct)
    {
        var pass = await db.DayPasses.FirstOrDefaultAsync(p => p.Id == dayPassId, ct);
        if (pass is null || pass.Status != DayPassStatus.Held)
        {
            return;
        }

        pass.Status = DayPassStatus.Released;
        var booking = await db.Bookings.FirstAsync(b => b.Id == pass.BookingId, ct);
        if (booking.Status == BookingStatus.Held)
        {
            booking.Status = BookingStatus.Released;
        }
    }
}
