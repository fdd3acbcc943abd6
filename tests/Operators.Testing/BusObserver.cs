using System.Collections.Concurrent;
using MassTransit;
using Operators.Tenancy.Messaging;

namespace Operators.Testing;

/// <summary>
/// A bus of the tests' own on a RabbitMQ virtual host, subscribed like another service would be: it records what
/// the hosts publish (with the space header each message carried) and can publish as the other services do.
/// Start it before the publisher acts: RabbitMQ drops what no queue is bound to yet.
/// </summary>
public sealed class BusObserver : IAsyncDisposable
{
    private IBusControl bus = null!;

    private BusObserver()
    {
    }

    public IBus Bus => bus;

    /// <summary>Messages received, in order, with their <c>Operators-Tenant</c> header.</summary>
    public ConcurrentQueue<(object Message, string? Tenant)> Published { get; } = new();

    public static async Task<BusObserver> StartAsync(TestVirtualHost vhost, Action<Subscriptions> subscribe)
    {
        ArgumentNullException.ThrowIfNull(vhost);
        ArgumentNullException.ThrowIfNull(subscribe);
        var observer = new BusObserver();
        observer.bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(TestRabbitMq.Host, 5672, vhost.Name, h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            cfg.ReceiveEndpoint("observer", e => subscribe(new Subscriptions(e, observer)));
        });
        await observer.bus.StartAsync();
        return observer;
    }

    /// <summary>The messages of one type received so far, with their space header.</summary>
    public IReadOnlyList<(T Message, string? Tenant)> Of<T>() =>
        Published.Where(p => p.Message is T).Select(p => ((T)p.Message, p.Tenant)).ToList();

    private Task Record<T>(ConsumeContext<T> context)
        where T : class
    {
        Published.Enqueue((context.Message, context.Headers.Get<string>(TenantHeaders.TenantId)));
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }
    }

    /// <summary>The message types the observer's queue is bound to.</summary>
    public sealed class Subscriptions(IReceiveEndpointConfigurator endpoint, BusObserver observer)
    {
        public Subscriptions Observe<T>()
            where T : class
        {
            endpoint.Handler<T>(observer.Record);
            return this;
        }
    }
}
