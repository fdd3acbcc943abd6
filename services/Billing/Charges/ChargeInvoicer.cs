using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;

namespace Operators.Billing.Charges;

/// <summary>
/// A customer's draft made from their charges, or why none was made (the charges then stay unbilled); with the settings
/// and the customer it was made from, for issuing it in the same transaction.
/// </summary>
public sealed record DraftOutcome(Invoice? Draft, string? Problem)
{
    public BillingSettings? Settings { get; init; }

    public Customer? Customer { get; init; }
}

/// <summary>
/// Turns a customer's unbilled charges into one draft invoice, and claims them for it in the same transaction: each
/// charge's <see cref="Charge.InvoiceId"/> is written only where it is still null and the charge not voided (both
/// are concurrency tokens), so two runs, or a run and a cancellation, can never bill one charge twice.
/// </summary>
public sealed class ChargeInvoicer(BillingDbContext db, BillingCalendar calendar)
{
    /// <summary>The customers with charges to bill on or before <paramref name="until"/>.</summary>
    public Task<List<Guid>> CustomersToBillAsync(DateOnly until, CancellationToken ct) =>
        Unbilled(until).Where(c => c.PaidWith == null).Select(c => c.CustomerId).Distinct().OrderBy(c => c).ToListAsync(ct);

    /// <summary>Sales paid at the desk that could not be invoiced when they were made (each gets its own invoice).</summary>
    public Task<List<Charge>> PaidAtTheDeskAsync(DateOnly until, CancellationToken ct) =>
        Unbilled(until).Where(c => c.PaidWith != null).AsNoTracking().ToListAsync(ct);

    /// <summary>Drafts the invoice of <paramref name="customerId"/>'s charges up to <paramref name="until"/> (or only <paramref name="only"/>) and commits it.</summary>
    public async Task<DraftOutcome> DraftAsync(Guid customerId, DateOnly until, Guid? runId, CancellationToken ct, Guid? only = null)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null || customer.Erased)
        {
            return new(null, customer is null
                ? "Billing has not received this customer's details from membership yet: their charges wait for the next run."
                : "This customer was erased: their charges cannot be invoiced.");
        }

        var charges = await Unbilled(until).Where(c => c.CustomerId == customerId && (only == null ? c.PaidWith == null : c.Id == only))
            .OrderBy(c => c.Date).ThenBy(c => c.CreatedAt).ToListAsync(ct);
        if (charges.Count == 0)
        {
            return new(null, "Nothing left to bill.");
        }

        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings();
        var currencies = charges.Select(c => c.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            return new(null, $"The charges are in several currencies ({string.Join(", ", currencies)}): invoice them by hand.");
        }

        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            Kind = DocumentKind.Invoice,
            Status = InvoiceStatus.Draft,
            CustomerId = customer.Id,
            MemberId = customer.Kind == CustomerKind.Member ? customer.Id : null,
            CompanyId = customer.Kind == CustomerKind.Company ? customer.Id : null,
            Currency = currencies[0],
            Language = customer.Language ?? settings.Language,
            ServiceFrom = charges.Min(c => c.ServiceFrom ?? c.Date),
            ServiceTo = charges.Max(c => c.ServiceTo ?? c.Date),
            CreatedAt = calendar.UtcNow,
        };
        invoice.Lines = charges.Select((c, i) => new InvoiceLine
        {
            Id = Guid.CreateVersion7(),
            InvoiceId = invoice.Id,
            Position = i + 1,
            Description = c.Description,
            // EN 16931's BR-27: a price is never negative; a credit is a negative quantity.
            Quantity = c.UnitPrice < 0m ? -c.Quantity : c.Quantity,
            UnitCode = c.UnitCode,
            UnitPrice = Math.Abs(c.UnitPrice),
            VatRate = c.VatRate,
        }).ToList();
        InvoiceTotals.Apply(invoice, settings.VatRegime == VatRegime.Franchise293B);
        if (invoice.Gross <= 0m)
        {
            return new(null, $"Credits ({invoice.Gross} {invoice.Currency} in all) outweigh the charges: they are carried over to the next run.");
        }

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Invoices.Add(invoice);
        foreach (var c in charges)
        {
            c.InvoiceId = invoice.Id;
            c.RunId = runId;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run or a cancellation took one of the charges meanwhile: nothing of this draft is kept.
            if (tx is not null)
            {
                await tx.RollbackAsync(CancellationToken.None);
            }

            db.ChangeTracker.Clear();
            return new(null, "The charges changed while they were being invoiced: they wait for the next run.");
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new(invoice, null) { Settings = settings, Customer = customer };
    }

    private IQueryable<Charge> Unbilled(DateOnly until) => db.Charges.Where(c => c.InvoiceId == null && !c.Voided && c.Date <= until);
}
