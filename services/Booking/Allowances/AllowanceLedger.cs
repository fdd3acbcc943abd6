using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;

namespace Operators.Booking.Allowances;

/// <summary>Allowance periods as memberships announce them.</summary>
internal static class AllowanceLedger
{
    public static async Task OpenPeriodAsync(BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly start, DateOnly end, Contracts.Membership.Allowances allowances, CancellationToken ct)
    {
        // Keyed by (subscription, period start): the same period announced twice stays one period.
        if (await db.AllowancePeriods.AnyAsync(p => p.SubscriptionId == subscriptionId && p.PeriodStart == start, ct))
        {
            return;
        }

        db.AllowancePeriods.Add(new AllowancePeriod
        {
            Id = Guid.CreateVersion7(),
            SubscriptionId = subscriptionId,
            MemberId = memberId,
            PeriodStart = start,
            PeriodEnd = end,
            DeskDaysGranted = allowances.DeskDays,
            RoomHoursGranted = allowances.RoomHours,
        });
    }
}
