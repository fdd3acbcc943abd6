using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.DayPasses;

/// <summary>
/// Billing's answer to a day pass requested online: the guest's payment page, given in the pass's status; or, when the
/// space takes no online payment, "pay at the desk": the seat stays held until the end of the pass's day, for an
/// operator to confirm once paid (<c>POST /day-passes/{id}/confirm</c>).
/// </summary>
public sealed class DayPassCheckoutOpenedConsumer(BookingDbContext db, SpaceCalendar calendar, TimeProvider clock, ILogger<DayPassCheckoutOpenedConsumer> logger)
    : IdempotentConsumer<DayPassCheckoutOpened, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<DayPassCheckoutOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var pass = await Db.DayPasses.FirstOrDefaultAsync(p => p.Id == context.Message.DayPassId, ct);
        if (pass is null || pass.Status != DayPassStatus.Held)
        {
            return;
        }

        var booking = await Db.Bookings.FirstAsync(b => b.Id == pass.BookingId, ct);
        var holding = booking.Status == BookingStatus.Held && booking.HoldExpiresAt > calendar.UtcNow;
        if (context.Message.CheckoutUrl is { } url)
        {
            pass.CheckoutUrl = url;
            // The page stays open longer than the hold (Stripe keeps a session 30 minutes at least): the seat waits as long.
            if (holding && context.Message.ExpiresAt?.UtcDateTime is { } until && until > booking.HoldExpiresAt)
            {
                pass.HoldExpiresAt = until;
                booking.HoldExpiresAt = until;
            }

            return;
        }

        pass.PayAtDesk = true;
        var endOfDay = SpaceDay.ToUtc(pass.Date.AddDays(1), TimeOnly.MinValue, await calendar.ZoneAsync(ct));
        if (holding)
        {
            pass.HoldExpiresAt = endOfDay;
            booking.HoldExpiresAt = endOfDay;
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class DayPassCheckoutOpenedConsumerDefinition : ServiceConsumerDefinition<DayPassCheckoutOpenedConsumer>;
