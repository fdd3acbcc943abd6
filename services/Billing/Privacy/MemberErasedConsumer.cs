using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy;

namespace Operators.Billing.Privacy;

/// <summary>
/// A member erased (GDPR art. 17): billing keeps its legal records — every issued invoice and credit note, with the
/// copy of the customer it was issued to, and every payment (the law requires them for ten years, and the database
/// refuses changes to them anyway) — and forgets the rest: the customer row is anonymised (kept as a tombstone, so a
/// billing message still in flight cannot bring the details back), the person's drafts are deleted, and the sent
/// events about them are not kept any longer.
/// </summary>
public sealed class MemberErasedConsumer(
    BillingDbContext db, Outbox<BillingDbContext> outbox, ITenantContext tenants, TimeProvider clock, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, BillingDbContext>(db, clock, logger)
{
    /// <summary>What is left of an erased customer's name: nothing that identifies them.</summary>
    public const string ErasedName = "—";

    protected override async Task HandleAsync(ConsumeContext<MemberErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var memberId = context.Message.MemberId;
        var erasedAt = context.Message.ErasedAt.UtcDateTime;
        var ct = context.CancellationToken;

        await Db.LockRowAsync<Customer>([tenants.TenantId!.Value, memberId], ct);
        var customer = await Db.Customers.FirstOrDefaultAsync(c => c.Id == memberId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = memberId, Kind = CustomerKind.Member, DisplayName = ErasedName };
            Db.Customers.Add(customer);
        }

        Anonymise(customer, erasedAt);

        var drafts = await Db.Invoices.Include(i => i.Lines)
            .Where(i => i.Status == InvoiceStatus.Draft && i.Number == null && (i.CustomerId == memberId || i.MemberId == memberId))
            .ToListAsync(ct);
        Db.Invoices.RemoveRange(drafts);

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

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberErasedConsumerDefinition : ServiceConsumerDefinition<MemberErasedConsumer>;
