using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Operators.Contracts.Spaces;
using Operators.Messaging;

namespace Operators.ServiceDefaults.Spaces;

/// <summary>
/// A service's part of provisioning a space: record it in the service's own database (and, in a subclass,
/// seed what its template gives this service), then answer the gateway — all in one transaction with the
/// inbox row, so a redelivered request neither seeds twice nor answers twice.
/// </summary>
public abstract class SpaceProvisioningConsumer<TContext>(TContext db, Outbox<TContext> outbox, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<SpaceProvisioningRequested, TContext>(db, clock, logger)
    where TContext : DbContext
{
    /// <summary>The step name this service reports (see <see cref="ProvisioningSteps"/>).</summary>
    protected abstract string Step { get; }

    protected override async Task HandleAsync(ConsumeContext<SpaceProvisioningRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Message;
        var spaces = Db.Set<ProvisionedSpace>();
        if (!await spaces.AnyAsync(s => s.Id == request.SpaceId, context.CancellationToken))
        {
            spaces.Add(new ProvisionedSpace
            {
                Id = request.SpaceId,
                Slug = request.Slug,
                Name = request.Name,
                Template = request.Template,
                Locale = request.Locale,
                TimeZone = request.TimeZone,
                Currency = request.Currency,
                ProvisionedAt = Clock.GetUtcNow().UtcDateTime,
            });
            await SeedAsync(request, context.CancellationToken);
        }

        outbox.Publish(new SpaceProvisioningStepCompleted(request.SpaceId, Step, Succeeded: true, Error: null));
    }

    /// <summary>What the space's template gives this service; nothing by default.</summary>
    protected virtual Task SeedAsync(SpaceProvisioningRequested request, CancellationToken cancellationToken) => Task.CompletedTask;
}
