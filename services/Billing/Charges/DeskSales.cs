using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Messaging;

namespace Operators.Billing.Charges;

/// <summary>
/// A sale paid at the desk (a day pass): its own invoice, issued at once, and the payment recorded against it with the
/// method used, in the caller's transaction or one of its own. When the invoice cannot be issued yet (the space's legal
/// identity incomplete, say), nothing is written but the charge, which keeps how it was paid: the next run settles it
/// the same way.
/// </summary>
public sealed class DeskSales(BillingDbContext db, ChargeInvoicer invoicer, InvoiceIssuer issuer, Outbox<BillingDbContext> outbox, BillingCalendar calendar)
{
    /// <summary>Settles the saved charge <paramref name="chargeId"/>; the refusal when it could not be invoiced.</summary>
    public async Task<string?> SettleAsync(Guid chargeId, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var charge = await db.Charges.AsNoTracking().FirstAsync(c => c.Id == chargeId, ct);
        var outer = db.Database.CurrentTransaction!;
        await outer.CreateSavepointAsync("desk_sale", ct);
        var drafted = await invoicer.DraftAsync(charge.CustomerId, charge.Date, null, ct, only: charge.Id);
        var issued = drafted.Draft is null ? null : await issuer.IssueAsync(drafted.Draft.Id, ct);
        if (issued?.Issued is not { } invoice)
        {
            // Undo the draft and the claim: the charge waits, still marked paid, for the next run.
            await outer.RollbackToSavepointAsync("desk_sale", ct);
            db.ChangeTracker.Clear();
            return drafted.Problem ?? issued?.Refusal ?? "The draft disappeared.";
        }

        PaymentLedger.Record(
            db, outbox, invoice, invoice.Gross, InvoiceNames.Methods.GetValueOrDefault(charge.PaidWith!, PaymentMethod.Cash),
            // The day it was paid, which a sale settled by a later run keeps (paid before it was invoiced).
            charge.PaidOn ?? invoice.IssueDate!.Value, charge.PaymentReference ?? "desk", calendar.UtcNow);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return null;
    }
}
