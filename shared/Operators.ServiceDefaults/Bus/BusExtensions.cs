using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operators.Tenancy.Messaging;

namespace Operators.ServiceDefaults.Bus;

public static class BusExtensions
{
    /// <summary>
    /// A module's consumer, with its definition. It goes into the service collection, where the bus looks
    /// for consumers when it is built, so it counts whether it is added before or after <see cref="AddServiceBus"/>.
    /// </summary>
    public static IHostApplicationBuilder AddConsumer<TConsumer, TDefinition>(this IHostApplicationBuilder builder)
        where TConsumer : class, IConsumer
        where TDefinition : ServiceConsumerDefinition<TConsumer>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RegisterConsumer<TConsumer, TDefinition>();
        return builder;
    }

    /// <summary>
    /// MassTransit on the transport <c>Bus:Transport</c> names (RabbitMq or InMemory), with every consumer any
    /// module of the host registered (see <see cref="AddConsumer{TConsumer, TDefinition}"/>), and the space
    /// stamped on every message sent or published.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Bus").Get<BusOptions>() ?? new BusOptions();

        builder.Services.AddMassTransit(bus =>
        {
            // Queue names carry the namespace: two modules' consumers of one event never share a queue.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(includeNamespace: true));
            if (options.Transport == BusTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = options.RabbitMq;
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    cfg.UseTenantStamping(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseTenantStamping(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        return builder;
    }
}
