using Operators.Billing.Invoices;

namespace Operators.Billing.Payments;

/// <summary>An issued invoice's status follows from what was paid and credited against its gross.</summary>
public static class PaymentState
{
    public static InvoiceStatus Of(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (!invoice.IsIssued)
        {
            return InvoiceStatus.Draft;
        }

        if (invoice.Kind == DocumentKind.CreditNote)
        {
            return InvoiceStatus.Issued;
        }

        if (invoice.CreditedAmount >= invoice.Gross)
        {
            return InvoiceStatus.Cancelled;
        }

        return invoice.PaidAmount >= invoice.Gross - invoice.CreditedAmount ? InvoiceStatus.Paid
            : invoice.PaidAmount > 0m ? InvoiceStatus.PartiallyPaid
            : InvoiceStatus.Issued;
    }
}
