using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Allowances;

/// <summary>A membership changed plan: the period covering the day it takes effect gets the new grant; what was used stays used.</summary>
public sealed class MembershipChangedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipChangedConsumer> logger)
    : IdempotentConsumer<MembershipChanged, BookingDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(ConsumeContext<MembershipChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AllowanceLedger.ChangeGrantAsync(Db, m.SubscriptionId, m.MemberId, m.EffectiveOn, m.PeriodStart, m.PeriodEnd, m.Allowances, context.CancellationToken);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipChangedConsumerDefinition : ServiceConsumerDefinition<MembershipChangedConsumer>;
