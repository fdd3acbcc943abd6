using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using Operators.Contracts;

namespace Operators.Tenancy.Messaging;

/// <summary>
/// Restores the space a message was published in before its consumer runs. A tenant-scoped message without
/// the header throws <see cref="MissingTenantException"/>, which is not retried: the message lands in the
/// endpoint's error queue where an operator can see it.
/// </summary>
public sealed class TenantConsumeFilter<TMessage>(ITenantContext tenants) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var header = context.Headers.Get<string>(TenantHeaders.TenantId);
        if (header is not null && Guid.TryParse(header, out var tenantId) && tenantId != Guid.Empty)
        {
            using (tenants.Change(tenantId))
            {
                await next.Send(context);
            }

            return;
        }

        if (!MessageScopes.IsNetworkScoped(typeof(TMessage)))
        {
            throw new MissingTenantException($"{typeof(TMessage).Name} is tenant-scoped but arrived without the {TenantHeaders.TenantId} header.");
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenantConsume");
}

public static class MessageScopes
{
    private static readonly ConcurrentDictionary<Type, bool> Cache = new();

    public static bool IsNetworkScoped(Type messageType) =>
        Cache.GetOrAdd(messageType, t => t.GetCustomAttribute<NetworkScopedAttribute>() is not null);
}
