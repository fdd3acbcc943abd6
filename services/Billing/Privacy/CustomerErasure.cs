using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy;

namespace Operators.Billing.Privacy;

/// <summary>
/// Billing's part of a member's erasure (GDPR art. 17). It keeps the legal records — every issued invoice and credit
/// note, with the copy of the customer it was issued to, and every payment (the law requires them for ten years, and
/// the database refuses changes to them anyway) — and forgets the rest: the customer row is anonymised (kept as a
/// tombstone, so billing details still in flight cannot bring the person back), their drafts are deleted, and the
/// sent events about them are not kept any longer. The caller saves, inside the transaction it began.
/// </summary>
public sealed class CustomerErasure(BillingDbContext db, Outbox<BillingDbContext> outbox, ITenantContext tenants)
{
    /// <summary>What is left of an erased customer's name: nothing that identifies them.</summary>
    public const string ErasedName = "—";

    public async Task EraseAsync(Guid memberId, DateTime erasedAt, CancellationToken ct)
    {
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("An erasure happens in a space: no space is current.");
        await db.LockRowAsync<Customer>([tenant, memberId], ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == memberId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = memberId, Kind = CustomerKind.Member, DisplayName = ErasedName };
            db.Customers.Add(customer);
        }

        Anonymise(customer, erasedAt);

        var drafts = await db.Invoices.Include(i => i.Lines)
            .Where(i => i.Status == InvoiceStatus.Draft && i.Number == null && (i.CustomerId == memberId || i.MemberId == memberId))
            .ToListAsync(ct);
        db.Invoices.RemoveRange(drafts);

        await outbox.ForgetSentAboutAsync(memberId, ct);
    }

    private static void Anonymise(Customer customer, DateTime erasedAt)
    {
        customer.DisplayName = ErasedName;
        customer.BillingName = null;
        customer.Email = null;
        customer.CompanyId = null;
        customer.Line1 = null;
        customer.Line2 = null;
        customer.PostalCode = null;
        customer.City = null;
        customer.Country = "FR";
        customer.IsBusiness = false;
        customer.Siren = null;
        customer.VatNumber = null;
        customer.Language = null;
        customer.Erased = true;
        // Billing details sent before the erasure are older than this and ignored (see CustomerUpdates).
        customer.UpdatedAt = customer.UpdatedAt > erasedAt ? customer.UpdatedAt : erasedAt;
    }
}
