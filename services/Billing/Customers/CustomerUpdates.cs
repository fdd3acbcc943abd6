using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy;

namespace Operators.Billing.Customers;

/// <summary>
/// Writes a customer as membership last described them. Membership's events can arrive out of order (one queue per
/// consumer, retries): each customer keeps the send time of the message it reflects in <see cref="Customer.UpdatedAt"/>,
/// and a message sent before that changes nothing. The row is locked first, so two deliveries at once apply in turn.
/// </summary>
public sealed class CustomerUpdates(BillingDbContext db, ITenantContext tenants, TimeProvider clock)
{
    /// <summary>The customer to write, or null when <paramref name="context"/>'s message is older than what the row holds.</summary>
    public async Task<Customer?> NewerAsync<T>(ConsumeContext<T> context, Guid id, CustomerKind kind, string displayName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var sent = context.SentTime ?? clock.GetUtcNow().UtcDateTime;
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("A customer belongs to a space: no space is current.");
        await db.LockRowAsync<Customer>([tenant, id], ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            customer = new Customer { Id = id, Kind = kind, DisplayName = displayName };
            db.Customers.Add(customer);
        }
        else if (customer.UpdatedAt >= sent)
        {
            // Sent before the details (or the erasure) the row already holds: stale, whatever order it came in.
            return null;
        }

        customer.Kind = kind;
        customer.DisplayName = displayName;
        customer.Erased = false;
        customer.UpdatedAt = sent;
        return customer;
    }

    /// <summary>Copies billing details (none: a consumer's name only, no address, not a business).</summary>
    public static void Apply(Customer customer, BillingDetails? billing, string defaultName)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.BillingName = billing?.Name ?? defaultName;
        customer.Line1 = billing?.Address.Line1;
        customer.Line2 = billing?.Address.Line2;
        customer.PostalCode = billing?.Address.PostalCode;
        customer.City = billing?.Address.City;
        customer.Country = billing?.Address.Country ?? "FR";
        customer.IsBusiness = billing?.IsBusiness ?? false;
        customer.Siren = billing?.Siren;
        customer.VatNumber = billing?.VatNumber;
    }
}
