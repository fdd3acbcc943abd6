using MassTransit;
using Operators.Tenancy.Messaging;

namespace Operators.ServiceDefaults.Bus;

/// <summary>
/// How a consumer's endpoint treats a message, outermost first: retried in place (a lost race, a busy
/// database, a broker hiccup), then the message's space restored around the consumer, so every attempt
/// runs inside it. A message still failing after the retries, or one that has no space when it needs one
/// (not retried), goes to the endpoint's error queue. Each consumer has its own definition deriving from
/// this one (its file holds both), registered with
/// <see cref="BusExtensions.AddConsumer{TConsumer, TDefinition}"/>; the queue is named after the consumer.
/// </summary>
/// <remarks>
/// No delayed redelivery before the retries: MassTransit's needs RabbitMQ's delayed-message plugin, which
/// Debian's RabbitMQ does not ship, or a scheduler package our registry does not serve.
/// </remarks>
public abstract class ServiceConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected sealed override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<MissingTenantException>();
            retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });
        endpointConfigurator.UseTenantConsumeFilter(context);
    }
}
