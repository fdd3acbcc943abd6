using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Customers;

/// <summary>
/// A member as billing invoices them: their billing name (their display name when they gave no billing details,
/// a consumer billed by name only), address and identifiers, and the company that pays for them if any.
/// </summary>
public sealed class MemberBillingDetailsChangedConsumer(
    BillingDbContext db, CustomerUpdates customers, TimeProvider clock, ILogger<MemberBillingDetailsChangedConsumer> logger)
    : IdempotentConsumer<MemberBillingDetailsChanged, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberBillingDetailsChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var customer = await customers.NewerAsync(context, m.MemberId, CustomerKind.Member, m.DisplayName);
        if (customer is null)
        {
            Logger.LogInformation("Billing details of member {MemberId} older than those kept; ignored", m.MemberId);
            return;
        }

        customer.Email = m.Email;
        customer.CompanyId = m.CompanyId;
        CustomerUpdates.Apply(customer, m.Billing, m.DisplayName);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberBillingDetailsChangedConsumerDefinition : ServiceConsumerDefinition<MemberBillingDetailsChangedConsumer>;
