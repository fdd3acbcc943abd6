using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

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

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipActivatedConsumerDefinition : ServiceConsumerDefinition<MembershipActivatedConsumer>;
