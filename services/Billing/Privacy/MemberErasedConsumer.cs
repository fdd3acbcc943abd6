using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Privacy;

/// <summary>A member erased: billing anonymises the customer and keeps its legal records (see <see cref="CustomerErasure"/>).</summary>
public sealed class MemberErasedConsumer(BillingDbContext db, CustomerErasure erasure, TimeProvider clock, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, BillingDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return erasure.EraseAsync(context.Message.MemberId, context.Message.ErasedAt.UtcDateTime, context.CancellationToken);
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberErasedConsumerDefinition : ServiceConsumerDefinition<MemberErasedConsumer>;
