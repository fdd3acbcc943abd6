using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Spaces;
using Operators.Gateway.Persistence;
using Operators.Gateway.People;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>Records a service's answer. A concurrent answer for the same space fails on the version and is retried.</summary>
public sealed class StepCompletedConsumer(
    GatewayDbContext db, ProvisioningProgress progress, SpacePeople people, TenantContext tenants, TimeProvider clock, ILogger<StepCompletedConsumer> logger)
    : IdempotentConsumer<SpaceProvisioningStepCompleted, GatewayDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SpaceProvisioningStepCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var space = await Db.Spaces.FirstOrDefaultAsync(s => s.Id == context.Message.SpaceId, context.CancellationToken);
        if (space is null)
        {
            logger.LogWarning("Provisioning answer for unknown space {SpaceId} ignored", context.Message.SpaceId);
            return;
        }

        progress.StepAnswered(space, context.Message);
        if (space.Status == TenantStatus.Active)
        {
            // The services know the space now: tell them who was granted roles while it was being provisioned.
            using (tenants.Change(space.ToTenant()))
            {
                await people.AnnounceAllAsync(space.Id, context.CancellationToken);
            }
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class StepCompletedConsumerDefinition : ServiceConsumerDefinition<StepCompletedConsumer>;
