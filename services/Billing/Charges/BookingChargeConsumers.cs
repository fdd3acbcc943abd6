using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Charges;

/// <summary>
/// A member's booking beyond their allowance: its charge, billed to the member or their company. A day pass's seat is
/// billed as the pass (never twice), a booking without a member has nobody to bill.
/// </summary>
public sealed class BookingConfirmedChargeConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<BookingConfirmedChargeConsumer> logger)
    : IdempotentConsumer<BookingConfirmed, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<BookingConfirmed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Charge.Amount <= 0m || m.MemberId is not { } member || m.DayPassId is not null)
        {
            return;
        }

        var zone = await charges.ZoneAsync(ct);
        var added = await charges.AddAsync(new Charge
        {
            Source = ChargeSource.Booking,
            SourceId = m.BookingId,
            CustomerId = await charges.CustomerOfMemberAsync(member, ct),
            MemberId = member,
            Description = ChargeBook.BookingText(await charges.CultureAsync(ct), m.ResourceName, m.Start, m.End, zone, m.ByTheHour),
            UnitPrice = m.Charge.Amount,
            VatRate = m.VatRate,
            Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.Start, zone).DateTime),
        }, ct);
        if (!added)
        {
            // The booking was cancelled first (messages can cross): its cancellation already settled the charge.
            Logger.LogInformation("Booking {BookingId} already has its charge", m.BookingId);
        }
    }
}

/// <summary>
/// A cancelled booking no longer bills its charge: still unbilled, the charge is voided; already invoiced, a credit
/// reverses it on the next invoice. A late cancellation's fee is billed instead. Arriving before the confirmation
/// (messages can cross), it leaves a voided charge the confirmation then finds.
/// </summary>
public sealed class BookingCancelledChargeConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<BookingCancelledChargeConsumer> logger)
    : IdempotentConsumer<BookingCancelled, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<BookingCancelled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.MemberId is not { } member || m.DayPassId is not null)
        {
            return;
        }

        var culture = await charges.CultureAsync(ct);
        var french = culture.TwoLetterISOLanguageName == "fr";
        var zone = await charges.ZoneAsync(ct);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.CancelledAt, zone).DateTime);
        var booking = await charges.FindAsync(ChargeSource.Booking, m.BookingId, ct);
        var customer = booking?.CustomerId ?? await charges.CustomerOfMemberAsync(member, ct);
        if (booking is null)
        {
            // Not confirmed yet here: a voided placeholder keeps the late confirmation from charging.
            await charges.AddAsync(new Charge
            {
                Source = ChargeSource.Booking, SourceId = m.BookingId, CustomerId = customer, MemberId = member, Voided = true,
                Description = french ? "Réservation annulée" : "Cancelled booking", UnitPrice = 0m, VatRate = m.VatRate, Date = day,
            }, ct);
        }
        else if (booking.InvoiceId is null)
        {
            booking.Voided = true;
        }
        else if (!booking.Voided)
        {
            await charges.AddAsync(new Charge
            {
                Source = ChargeSource.BookingReversal, SourceId = m.BookingId, CustomerId = customer, MemberId = member,
                Description = (french ? "Annulation : " : "Cancelled: ") + booking.Description,
                Quantity = booking.Quantity, UnitCode = booking.UnitCode, UnitPrice = -booking.UnitPrice, VatRate = booking.VatRate, Date = day,
            }, ct);
        }

        if (m.Fee.Amount > 0m)
        {
            var what = booking is { UnitPrice: > 0m } ? booking.Description : null;
            await charges.AddAsync(new Charge
            {
                Source = ChargeSource.CancellationFee, SourceId = m.BookingId, CustomerId = customer, MemberId = member,
                Description = (french ? "Frais d'annulation tardive" : "Late cancellation fee") + (what is null ? "" : " — " + what),
                UnitPrice = m.Fee.Amount, VatRate = m.VatRate, Date = day,
            }, ct);
        }
    }
}

public sealed class BookingConfirmedChargeConsumerDefinition : ServiceConsumerDefinition<BookingConfirmedChargeConsumer>;

public sealed class BookingCancelledChargeConsumerDefinition : ServiceConsumerDefinition<BookingCancelledChargeConsumer>;
