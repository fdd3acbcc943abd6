using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Charges;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Stripe;

/// <summary>
/// Booking refused a day pass's payment (it came after the hold ended): the money goes back. The pass's invoice, if
/// issued, is cancelled by a credit note, whose refund is planned with it; a sale never invoiced is voided and refunded.
/// </summary>
public sealed class DayPassPaymentRefusedConsumer(
    BillingDbContext db, InvoiceIssuer issuer, StripeRefunds refunds, TimeProvider clock, ILogger<DayPassPaymentRefusedConsumer> logger)
    : IdempotentConsumer<DayPassPaymentRefused, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<DayPassPaymentRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        var checkout = await Db.Set<StripeCheckout>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Subject == PaymentSubjects.DayPass && c.SubjectId == m.DayPassId && c.Status == CheckoutStatus.Paid, ct);
        if (checkout?.PaymentIntent is null)
        {
            Logger.LogWarning("Day pass {DayPassId}: a refused payment billing did not take online; nothing to refund here", m.DayPassId);
            return;
        }

        var reason = $"Day pass refused: {m.Reason}";
        var charge = await Db.Charges.FirstOrDefaultAsync(c => c.Source == ChargeSource.DayPass && c.SourceId == m.DayPassId, ct);
        var invoice = charge?.InvoiceId is { } invoiceId ? await Db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId && i.Number != null, ct) : null;
        if (invoice is not null)
        {
            if (invoice.Status != InvoiceStatus.Cancelled)
            {
                // The credit note plans the refund of what the card paid (InvoiceIssuer → StripeRefunds).
                var credited = await issuer.CreditAsync(invoice.Id, null, reason, ct);
                if (credited.Issued is null)
                {
                    throw new InvalidOperationException($"Day pass {m.DayPassId}: its invoice could not be credited ({credited.Refusal}).");
                }
            }

            return;
        }

        if (await Db.Set<StripeRefund>().AnyAsync(r => r.PaymentIntent == checkout.PaymentIntent && r.Status != RefundStatus.Failed, ct))
        {
            return;
        }

        if (charge is not null)
        {
            charge.Voided = true;
        }

        refunds.PlanUninvoiced(checkout.PaymentIntent, checkout.Amount, checkout.Currency, reason);
        await Db.SaveChangesAsync(ct);
        refunds.Dispatch();
    }
}

public sealed class DayPassPaymentRefusedConsumerDefinition : ServiceConsumerDefinition<DayPassPaymentRefusedConsumer>;
