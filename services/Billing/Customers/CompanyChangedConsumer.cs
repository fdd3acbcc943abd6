using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Customers;

/// <summary>A company (B2B customer) as billing invoices it: the members attached to it are billed to it.</summary>
public sealed class CompanyChangedConsumer(BillingDbContext db, CustomerUpdates customers, TimeProvider clock, ILogger<CompanyChangedConsumer> logger)
    : IdempotentConsumer<CompanyChanged, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<CompanyChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var details = new CustomerDetails(m.CompanyId, CustomerKind.Company, m.Name, m.Billing.Email, CompanyId: null, m.Billing);
        if (!await customers.ApplyAsync(context, details))
        {
            Logger.LogInformation("Details of company {CompanyId} older than those kept; ignored", m.CompanyId);
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class CompanyChangedConsumerDefinition : ServiceConsumerDefinition<CompanyChangedConsumer>;
