using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Operators.Tenancy.Messaging;

public static class TenantBusExtensions
{
    /// <summary>Stamps the space on everything sent or published, and restores it around every consumer.</summary>
    public static void UseTenantPropagation(this IBusFactoryConfigurator configurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);
        var tenants = context.GetRequiredService<ITenantContext>();
        configurator.ConfigurePublish(p => p.UseFilter(new TenantPublishFilter(tenants)));
        configurator.ConfigureSend(s => s.UseFilter(new TenantSendFilter(tenants)));
        configurator.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
    }
}
