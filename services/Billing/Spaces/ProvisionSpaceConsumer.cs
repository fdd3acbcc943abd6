using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.Billing.Persistence;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Billing.Spaces;

/// <summary>The billing service's step of provisioning a space.</summary>
public sealed class ProvisionSpaceConsumer(BillingDbContext db, Outbox<BillingDbContext> outbox, TimeProvider clock, ILogger<ProvisionSpaceConsumer> logger)
    : SpaceProvisioningConsumer<BillingDbContext>(db, outbox, clock, logger)
{
    protected override string Step => ProvisioningSteps.Billing;
}
