using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Messaging;

namespace Operators.Billing.Payments;

/// <summary>
/// The one way money is written against an invoice (by hand, at the desk, through Stripe, or given back): the payment
/// row, the invoice's paid amount, status and version, and — for money received — <c>PaymentReceived</c> in the
/// outbox. The caller saves.
/// </summary>
public static class PaymentLedger
{
    /// <summary>Records <paramref name="amount"/> (negative for a refund, which is not announced as received).</summary>
    public static Payment Record(
        BillingDbContext db, Outbox<BillingDbContext> outbox, Invoice invoice, decimal amount, PaymentMethod method, DateOnly date, string? reference,
        DateTime recordedAt, Guid? recordedBy = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(invoice);
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            InvoiceId = invoice.Id,
            Amount = amount,
            Currency = invoice.Currency,
            Method = method,
            Date = date,
            Reference = reference,
            RecordedAt = recordedAt,
            RecordedBy = recordedBy,
        };
        db.Payments.Add(payment);
        invoice.PaidAmount += amount;
        invoice.Status = PaymentState.Of(invoice);
        invoice.Version++;
        if (amount > 0m)
        {
            outbox.Publish(new PaymentReceived(
                payment.Id, PaymentSubjects.Invoice, invoice.Id, new Money(amount, invoice.Currency), new DateTimeOffset(recordedAt, TimeSpan.Zero)));
        }

        return payment;
    }
}
