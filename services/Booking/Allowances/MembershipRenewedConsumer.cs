using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Allowances;

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

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipRenewedConsumerDefinition : ServiceConsumerDefinition<MembershipRenewedConsumer>;
