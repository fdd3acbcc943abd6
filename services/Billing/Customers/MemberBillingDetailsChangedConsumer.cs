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
        var details = new CustomerDetails(m.MemberId, CustomerKind.Member, m.DisplayName, m.Email, m.CompanyId, m.Billing);
        if (!await customers.ApplyAsync(context, details))
        {
            Logger.LogInformation("Billing details of member {MemberId} older than those kept; ignored", m.MemberId);
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberBillingDetailsChangedConsumerDefinition : ServiceConsumerDefinition<MemberBillingDetailsChangedConsumer>;
