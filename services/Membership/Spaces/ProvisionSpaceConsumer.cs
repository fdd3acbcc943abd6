using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Membership.Spaces;

/// <summary>The membership service's step of provisioning a space.</summary>
public sealed class ProvisionSpaceConsumer(MembershipDbContext db, Outbox<MembershipDbContext> outbox, TimeProvider clock, ILogger<ProvisionSpaceConsumer> logger)
    : SpaceProvisioningConsumer<MembershipDbContext>(db, outbox, clock, logger)
{
    protected override string Step => ProvisioningSteps.Membership;
}
