using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Allowances;

/// <summary>A membership ended: no allowance is usable for dates from its end on.</summary>
public sealed class MembershipEndedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipEndedConsumer> logger)
    : IdempotentConsumer<MembershipEnded, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MembershipEnded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await AllowanceLedger.CloseFromAsync(Db, m.SubscriptionId, m.EndedOn, context.CancellationToken);
        await AllowanceLedger.MarkClosedAsync(Db, m.SubscriptionId, m.MemberId, m.EndedOn, context.CancellationToken);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipEndedConsumerDefinition : ServiceConsumerDefinition<MembershipEndedConsumer>;
