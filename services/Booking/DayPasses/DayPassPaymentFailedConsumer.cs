using MassTransit;
using Operators.Booking.Persistence;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.DayPasses;

/// <summary>A failed payment releases the held seat at once.</summary>
public sealed class DayPassPaymentFailedConsumer(BookingDbContext db, TimeProvider clock, ILogger<DayPassPaymentFailedConsumer> logger)
    : IdempotentConsumer<PaymentFailed, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<PaymentFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message.Subject == PaymentSubjects.DayPass)
        {
            await DayPassHolds.ReleaseAsync(Db, context.Message.SubjectId, context.CancellationToken);
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class DayPassPaymentFailedConsumerDefinition : ServiceConsumerDefinition<DayPassPaymentFailedConsumer>;
