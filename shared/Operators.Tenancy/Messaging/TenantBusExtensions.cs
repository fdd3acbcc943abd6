using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Operators.Tenancy.Messaging;

public static class TenantBusExtensions
{
    /// <summary>Stamps the current space on everything the bus sends or publishes.</summary>
    public static void UseTenantStamping(this IBusFactoryConfigurator configurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);
        var tenants = context.GetRequiredService<ITenantContext>();
        configurator.ConfigurePublish(p => p.UseFilter(new TenantPublishFilter(tenants)));
        configurator.ConfigureSend(s => s.UseFilter(new TenantSendFilter(tenants)));
    }

    /// <summary>
    /// Restores the space of each message around its consumers (see <see cref="TenantConsumeFilter{TMessage}"/>):
    /// on one endpoint (a consumer definition), or on every endpoint when applied to the bus.
    /// </summary>
    public static void UseTenantConsumeFilter(this IConsumePipeConfigurator configurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);
        configurator.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
    }

    /// <summary>
    /// Both, bus-wide: for a bus whose consumers have no definition of their own (test harnesses). The
    /// services' bus stamps here and restores in each consumer's definition instead.
    /// </summary>
    public static void UseTenantPropagation(this IBusFactoryConfigurator configurator, IRegistrationContext context)
    {
        configurator.UseTenantStamping(context);
        configurator.UseTenantConsumeFilter(context);
    }
}
