using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operators.Tenancy.Messaging;

namespace Operators.ServiceDefaults.Bus;

public static class BusExtensions
{
    /// <summary>A module's consumers; the bus itself is created once, by <see cref="AddServiceBus"/>, for all modules of the host.</summary>
    public static IHostApplicationBuilder AddConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ConsumerRegistration(register));
        return builder;
    }

    /// <summary>
    /// MassTransit on the transport <c>Bus:Transport</c> names (RabbitMq or InMemory), with every module's
    /// consumers, tenant propagation, and retries that leave poison messages in the error queue.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Bus").Get<BusOptions>() ?? new BusOptions();
        var registrations = builder.Services
            .Where(d => d.ServiceType == typeof(ConsumerRegistration))
            .Select(d => (ConsumerRegistration)d.ImplementationInstance!)
            .ToList();

        builder.Services.AddMassTransit(bus =>
        {
            // Queue names carry the namespace: two modules' consumers of one event never share a queue.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(includeNamespace: true));
            foreach (var registration in registrations)
            {
                registration.Register(bus);
            }

            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<MissingTenantException>();
                    retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
                });
            });

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
                    cfg.UseTenantPropagation(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseTenantPropagation(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        return builder;
    }

    private sealed record ConsumerRegistration(Action<IBusRegistrationConfigurator> Register);
}
