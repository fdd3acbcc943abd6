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
    /// <summary>How long after its page closed a pass still waits for the payment's news.</summary>
    public static readonly TimeSpan PaymentGrace = TimeSpan.FromMinutes(15);

    /// <summary>The longest a pass paid at the desk holds its seat unpaid.</summary>
    public static readonly TimeSpan DeskHoldCap = TimeSpan.FromHours(24);

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
            // The page stays open longer than the hold (Stripe keeps a session 30 minutes at least): the seat waits as long,
            // and a quarter of an hour more, for a payment made in the page's last minute to travel here.
            if (holding && context.Message.ExpiresAt?.UtcDateTime.Add(PaymentGrace) is { } pageClosed && pageClosed > booking.HoldExpiresAt)
            {
                pass.HoldExpiresAt = pageClosed;
                booking.HoldExpiresAt = pageClosed;
            }

            return;
        }

        pass.PayAtDesk = true;
        // Held for the desk until the end of the pass's day, but a day at most: anyone may ask for a pass without an
        // account, and a hold without payment must not keep seats for weeks.
        var endOfDay = SpaceDay.ToUtc(pass.Date.AddDays(1), TimeOnly.MinValue, await calendar.ZoneAsync(ct));
        var until = endOfDay < calendar.UtcNow.Add(DeskHoldCap) ? endOfDay : calendar.UtcNow.Add(DeskHoldCap);
        if (holding && until > booking.HoldExpiresAt)
        {
            pass.HoldExpiresAt = until;
            booking.HoldExpiresAt = until;
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class DayPassCheckoutOpenedConsumerDefinition : ServiceConsumerDefinition<DayPassCheckoutOpenedConsumer>;
