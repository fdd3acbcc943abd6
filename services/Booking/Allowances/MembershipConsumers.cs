using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;

namespace Operators.Booking.Allowances;

/// <summary>A membership started: its first period's allowance becomes usable.</summary>
public sealed class MembershipActivatedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipActivatedConsumer> logger)
    : IdempotentConsumer<MembershipActivated, BookingDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(ConsumeContext<MembershipActivated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AllowanceLedger.OpenPeriodAsync(Db, m.SubscriptionId, m.MemberId, m.PeriodStart, m.PeriodEnd, m.Allowances, context.CancellationToken);
    }
}

/// <summary>A membership renewed: a fresh period; the previous one's leftovers expire with it.</summary>
public sealed class MembershipRenewedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipRenewedConsumer> logger)
    : IdempotentConsumer<MembershipRenewed, BookingDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(ConsumeContext<MembershipRenewed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AllowanceLedger.OpenPeriodAsync(Db, m.SubscriptionId, m.MemberId, m.PeriodStart, m.PeriodEnd, m.Allowances, context.CancellationToken);
    }
}

/// <summary>A membership ended: no allowance is usable for dates from its end on.</summary>
public sealed class MembershipEndedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipEndedConsumer> logger)
    : IdempotentConsumer<MembershipEnded, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MembershipEnded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var periods = await Db.AllowancePeriods.Where(p => p.SubscriptionId == context.Message.SubscriptionId).ToListAsync(context.CancellationToken);
        foreach (var period in periods)
        {
            period.EndedOn = period.EndedOn is { } earlier && earlier < context.Message.EndedOn ? earlier : context.Message.EndedOn;
            period.Version++;
        }
    }
}

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
