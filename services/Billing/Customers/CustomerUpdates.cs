using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy;

namespace Operators.Billing.Customers;

/// <summary>
/// Writes a customer as membership last described them. Membership's events can arrive out of order (one queue per
/// consumer, retries, an outbox relayed late): each customer keeps the time membership wrote the message it reflects
/// (<see cref="MessageTimes.WrittenAt"/>) in <see cref="Customer.UpdatedAt"/>, and a message written before that changes nothing. The row is locked first, so two deliveries at once apply in turn.
/// </summary>
public sealed class CustomerUpdates(BillingDbContext db, ITenantContext tenants, TimeProvider clock)
{
    /// <summary>
    /// Writes <paramref name="details"/> unless <paramref name="context"/>'s message is older than what the row holds;
    /// false when it was (the message changes nothing).
    /// </summary>
    public async Task<bool> ApplyAsync<T>(ConsumeContext<T> context, CustomerDetails details)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(details);
        var ct = context.CancellationToken;
        var sent = context.WrittenAt() ?? clock.GetUtcNow().UtcDateTime;
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("A customer belongs to a space: no space is current.");
        await db.LockRowAsync<Customer>([tenant, details.Id], ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == details.Id, ct);
        if (customer is null)
        {
            customer = new Customer { Id = details.Id, Kind = details.Kind, DisplayName = details.DisplayName };
            db.Customers.Add(customer);
        }
        else if (customer.UpdatedAt >= sent)
        {
            // Written before the details (or the erasure) the row already holds: stale, whatever order it came in, and
            // however late membership's outbox relayed it.
            return false;
        }

        customer.Kind = details.Kind;
        customer.DisplayName = details.DisplayName;
        customer.Erased = false;
        customer.UpdatedAt = sent;
        customer.Email = details.Email;
        customer.CompanyId = details.CompanyId;

        // No billing details: a consumer billed by name only, with no address, not a business.
        var billing = details.Billing;
        customer.BillingName = billing?.Name ?? details.DisplayName;
        customer.Line1 = billing?.Address.Line1;
        customer.Line2 = billing?.Address.Line2;
        customer.PostalCode = billing?.Address.PostalCode;
        customer.City = billing?.Address.City;
        customer.Country = billing?.Address.Country ?? "FR";
        customer.IsBusiness = billing?.IsBusiness ?? false;
        customer.Siren = billing?.Siren;
        customer.VatNumber = billing?.VatNumber;
        return true;
    }
}

/// <summary>A customer as one of membership's events describes them.</summary>
public sealed record CustomerDetails(
    Guid Id, CustomerKind Kind, string DisplayName, string? Email, Guid? CompanyId, BillingDetails? Billing);
