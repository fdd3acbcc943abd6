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

        Add(db, subscriptionId, memberId, start, end, allowances);
    }

    /// <summary>
    /// A period that starts again (a resumption): a new one, or — paused and resumed on the day its period started —
    /// the existing one with that start reopened over the new bounds and grant. What was used stays used.
    /// </summary>
    public static async Task ReopenPeriodAsync(BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly start, DateOnly end, Contracts.Membership.Allowances allowances, CancellationToken ct)
    {
        var existing = await db.AllowancePeriods.FirstOrDefaultAsync(p => p.SubscriptionId == subscriptionId && p.PeriodStart == start, ct);
        if (existing is null)
        {
            Add(db, subscriptionId, memberId, start, end, allowances);
            return;
        }

        existing.PeriodEnd = end;
        existing.EndedOn = null;
        Grant(existing, allowances);
    }

    /// <summary>
    /// A plan change from <paramref name="effectiveOn"/>: the period covering that day gets the new grant. When the
    /// announced period is not known yet (its renewal still in flight), it opens with the new grant; when the change
    /// waits for a period nobody announced yet (a downgrade at period end), that period's renewal will carry it.
    /// </summary>
    public static async Task ChangeGrantAsync(
        BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly effectiveOn, DateOnly start, DateOnly end, Contracts.Membership.Allowances allowances, CancellationToken ct)
    {
        var covering = await db.AllowancePeriods
            .Where(p => p.SubscriptionId == subscriptionId && p.PeriodStart <= effectiveOn && effectiveOn < p.PeriodEnd)
            .OrderByDescending(p => p.PeriodStart)
            .FirstOrDefaultAsync(ct);
        if (covering is not null)
        {
            Grant(covering, allowances);
            return;
        }

        if (start <= effectiveOn && effectiveOn < end)
        {
            await OpenPeriodAsync(db, subscriptionId, memberId, start, end, allowances, ct);
        }
    }

    /// <summary>Nothing of the subscription's allowances is usable from <paramref name="day"/> on (an end, or a pause).</summary>
    public static async Task CloseFromAsync(BookingDbContext db, Guid subscriptionId, DateOnly day, CancellationToken ct)
    {
        var periods = await db.AllowancePeriods.Where(p => p.SubscriptionId == subscriptionId).ToListAsync(ct);
        foreach (var period in periods)
        {
            period.EndedOn = period.EndedOn is { } earlier && earlier < day ? earlier : day;
            period.Version++;
        }
    }

    private static void Grant(AllowancePeriod period, Contracts.Membership.Allowances allowances)
    {
        period.DeskDaysGranted = allowances.DeskDays;
        period.RoomHoursGranted = allowances.RoomHours;
        // Bookings being placed against the old grant meet a version conflict and are decided again.
        period.Version++;
    }

    private static void Add(BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly start, DateOnly end, Contracts.Membership.Allowances allowances) =>
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
