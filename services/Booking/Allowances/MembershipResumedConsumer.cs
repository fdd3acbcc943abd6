using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Allowances;

/// <summary>
/// A paused membership resumed: a new period with fresh allowances from the day it resumes. Paused and resumed on
/// the day its period started, that period (same start) is reopened instead: the pause had closed it.
/// </summary>
public sealed class MembershipResumedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MembershipResumedConsumer> logger)
    : IdempotentConsumer<MembershipResumed, BookingDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(ConsumeContext<MembershipResumed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AllowanceLedger.ReopenPeriodAsync(Db, m.SubscriptionId, m.MemberId, m.PeriodStart, m.PeriodEnd, m.Allowances, context.CancellationToken);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MembershipResumedConsumerDefinition : ServiceConsumerDefinition<MembershipResumedConsumer>;
