using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Allowances;

/// <summary>A membership paused: no allowance is usable for dates from the pause on, until a resumption opens a new period.</summary>
public sealed class MembershipPausedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipPausedConsumer> logger)
    : IdempotentConsumer<MembershipPaused, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MembershipPaused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await AllowanceLedger.CloseFromAsync(Db, m.SubscriptionId, m.PausedOn, context.CancellationToken, pause: true);
        await AllowanceLedger.MarkClosedAsync(Db, m.SubscriptionId, m.MemberId, m.PausedOn, context.CancellationToken);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipPausedConsumerDefinition : ServiceConsumerDefinition<MembershipPausedConsumer>;
