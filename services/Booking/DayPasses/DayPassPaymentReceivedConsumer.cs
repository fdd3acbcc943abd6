using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.DayPasses;

/// <summary>A paid online day pass is confirmed (its held seat becomes a confirmed booking).</summary>
public sealed class DayPassPaymentReceivedConsumer(
    BookingDbContext db, BookingPlanner planner, SpaceCalendar calendar, Outbox<BookingDbContext> outbox, TimeProvider clock,
    ILogger<DayPassPaymentReceivedConsumer> logger)
    : IdempotentConsumer<PaymentReceived, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<PaymentReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message.Subject != PaymentSubjects.DayPass)
        {
            return;
        }

        var pass = await Db.DayPasses.FirstOrDefaultAsync(p => p.Id == context.Message.SubjectId, context.CancellationToken);
        if (pass is null)
        {
            return;
        }

        if (pass.Status == DayPassStatus.Confirmed)
        {
            // Paid twice (at the desk, then online; or two pages): the second payment goes back.
            outbox.Publish(new DayPassPaymentRefused(pass.Id, context.Message.PaymentId, "The pass was already paid and confirmed."));
            return;
        }

        if (pass.Status == DayPassStatus.Released)
        {
            // The hold had already ended (expired, or a failure reported first): the money goes back.
            logger.LogWarning("Payment {PaymentId} for day pass {DayPassId} arrived after its hold ended; refused", context.Message.PaymentId, pass.Id);
            outbox.Publish(new DayPassPaymentRefused(pass.Id, context.Message.PaymentId, "The seat's hold had ended before the payment arrived."));
            return;
        }

        var booking = await Db.Bookings.FirstAsync(b => b.Id == pass.BookingId, context.CancellationToken);
        var resource = await Db.Resources.FirstAsync(r => r.Id == booking.ResourceId, context.CancellationToken);
        await planner.LockAsync(resource.Id, context.CancellationToken);
        // Read again under the lock: an operator confirming the pass at the desk at the same moment must be seen.
        await Db.Entry(pass).ReloadAsync(context.CancellationToken);
        await Db.Entry(booking).ReloadAsync(context.CancellationToken);
        if (pass.Status == DayPassStatus.Confirmed)
        {
            // Paid at the desk meanwhile: this second payment goes back.
            outbox.Publish(new DayPassPaymentRefused(pass.Id, context.Message.PaymentId, "The pass was already paid and confirmed at the desk."));
            return;
        }

        if (booking.Status != BookingStatus.Held || booking.HoldExpiresAt <= Clock.GetUtcNow().UtcDateTime)
        {
            // Paid after the hold ran out: the seat may be gone. The pass stays released rather than overbooking the
            // pool, and billing gives the money back.
            logger.LogWarning("Payment {PaymentId} for day pass {DayPassId} arrived after its hold ended; the pass stays released", context.Message.PaymentId, pass.Id);
            pass.Status = DayPassStatus.Released;
            booking.Status = BookingStatus.Released;
            outbox.Publish(new DayPassPaymentRefused(pass.Id, context.Message.PaymentId, "The seat's hold had ended before the payment arrived."));
            return;
        }

        pass.Status = DayPassStatus.Confirmed;
        booking.Status = BookingStatus.Confirmed;
        booking.HoldExpiresAt = null;
        planner.PublishConfirmed(booking, resource, null, await calendar.ZoneAsync(context.CancellationToken));
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class DayPassPaymentReceivedConsumerDefinition : ServiceConsumerDefinition<DayPassPaymentReceivedConsumer>;
