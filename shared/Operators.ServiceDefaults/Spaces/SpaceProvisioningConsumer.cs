using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;

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
        var transaction = Db.Database.CurrentTransaction ?? throw new InvalidOperationException("Provisioning runs inside the inbox transaction.");
        await transaction.CreateSavepointAsync(BeforeProvisioning, context.CancellationToken);
        try
        {
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
        }
        catch (Exception ex) when (!TransientDatabaseFailures.IsTransient(ex) && ex is not OperationCanceledException)
        {
            // Not worth retrying: undo this service's part and say so, so the space fails now rather than at the timeout.
            await transaction.RollbackToSavepointAsync(BeforeProvisioning, context.CancellationToken);
            Db.ChangeTracker.Clear();
            Logger.LogError(ex, "Provisioning space {Slug} failed in the {Step} service", request.Slug, Step);
            outbox.Publish(new SpaceProvisioningStepCompleted(request.SpaceId, Step, Succeeded: false, Error: ex.Message));
            return;
        }

        outbox.Publish(new SpaceProvisioningStepCompleted(request.SpaceId, Step, Succeeded: true, Error: null));
    }

    private const string BeforeProvisioning = "before_provisioning";

    /// <summary>What the space's template gives this service; nothing by default.</summary>
    protected virtual Task SeedAsync(SpaceProvisioningRequested request, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The endpoint of a service's provisioning consumer (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class SpaceProvisioningConsumerDefinition<TProvisioning> : ServiceConsumerDefinition<TProvisioning>
    where TProvisioning : class, IConsumer<SpaceProvisioningRequested>;
