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

        Add(db, subscriptionId, memberId, start, end, allowances, await EndedAfterAsync(db, subscriptionId, start, ct));
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
            Add(db, subscriptionId, memberId, start, end, allowances, await EndedAfterAsync(db, subscriptionId, start, ct));
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

    /// <summary>
    /// Nothing of the subscription's allowances is usable from <paramref name="day"/> on (an end, or a pause). A pause
    /// closes only the periods that started by its day: a later one can only come from a resumption, which each
    /// consumer's own queue may have delivered first.
    /// </summary>
    public static async Task CloseFromAsync(BookingDbContext db, Guid subscriptionId, DateOnly day, CancellationToken ct, bool pause = false)
    {
        var periods = await db.AllowancePeriods.Where(p => p.SubscriptionId == subscriptionId && (!pause || p.PeriodStart <= day)).ToListAsync(ct);
        foreach (var period in periods)
        {
            period.EndedOn = period.EndedOn is { } earlier && earlier < day ? earlier : day;
            period.Version++;
        }
    }

    /// <summary>
    /// Remembers the subscription's end (or pause) even when the periods it closes have not arrived yet (each event
    /// travels on its own queue): an empty period [day, day) that covers no day and closes on it, which
    /// <see cref="EndedAfterAsync"/> then applies to any period announced late that started before it. A resumption
    /// on that very day reopens it as its period.
    /// </summary>
    public static async Task MarkClosedAsync(BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly endedOn, CancellationToken ct)
    {
        if (!await db.AllowancePeriods.AnyAsync(p => p.SubscriptionId == subscriptionId && p.PeriodStart == endedOn, ct))
        {
            Add(db, subscriptionId, memberId, endedOn, endedOn, new Contracts.Membership.Allowances(0, 0m), endedOn);
        }
    }

    private static void Grant(AllowancePeriod period, Contracts.Membership.Allowances allowances)
    {
        period.DeskDaysGranted = allowances.DeskDays;
        period.RoomHoursGranted = allowances.RoomHours;
        // Bookings being placed against the old grant meet a version conflict and are decided again.
        period.Version++;
    }

    /// <summary>
    /// When the subscription was already closed after <paramref name="start"/>: events of one subscription travel on
    /// separate queues, so a cancellation's <c>MembershipEnded</c> can arrive before the renewal that preceded it. The
    /// latest close of its periods is its end (a pause closes on a day no later period can start before).
    /// </summary>
    private static async Task<DateOnly?> EndedAfterAsync(BookingDbContext db, Guid subscriptionId, DateOnly start, CancellationToken ct)
    {
        var closes = await db.AllowancePeriods.Where(p => p.SubscriptionId == subscriptionId && p.EndedOn != null).Select(p => p.EndedOn!.Value).ToListAsync(ct);
        return closes.Count > 0 && closes.Max() > start ? closes.Max() : null;
    }

    private static void Add(BookingDbContext db, Guid subscriptionId, Guid memberId, DateOnly start, DateOnly end, Contracts.Membership.Allowances allowances, DateOnly? endedOn) =>
        db.AllowancePeriods.Add(new AllowancePeriod
        {
            EndedOn = endedOn,
            Id = Guid.CreateVersion7(),
            SubscriptionId = subscriptionId,
            MemberId = memberId,
            PeriodStart = start,
            PeriodEnd = end,
            DeskDaysGranted = allowances.DeskDays,
            RoomHoursGranted = allowances.RoomHours,
        });
}
