using MassTransit;
using Operators.Contracts.Membership;
using Operators.Gateway.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.Tenancy;

namespace Operators.Gateway.People;

/// <summary>
/// A member erased (GDPR art. 17) in the message's space: the space forgets them and they leave it; their account
/// is deleted when no other space and no network role needs it (see <see cref="SpacePeople.EraseFromSpaceAsync"/>).
/// </summary>
public sealed class MemberErasedConsumer(GatewayDbContext db, SpacePeople people, ITenantContext tenants, TimeProvider clock, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, GatewayDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spaceId = tenants.TenantId ?? throw new InvalidOperationException("MemberErased reached the gateway outside a space.");
        var memberId = context.Message.MemberId;
        var (deleted, ownerless) = await people.EraseFromSpaceAsync(spaceId, memberId, context.CancellationToken);
        Logger.LogInformation("Person {PersonId} erased from space {SpaceId}; account deleted: {Deleted}", memberId, spaceId, deleted);
        if (ownerless)
        {
            Logger.LogWarning("Space {SpaceId} has no owner left after an erasure: a network admin may grant the role", spaceId);
        }
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberErasedConsumerDefinition : ServiceConsumerDefinition<MemberErasedConsumer>;
