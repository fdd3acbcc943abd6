using MassTransit;

namespace Operators.Tenancy.Messaging;

/// <summary>Stamps the current space on every published message that does not carry one yet.</summary>
public sealed class TenantPublishFilter(ITenantContext tenants) : IFilter<PublishContext>
{
    public Task Send(PublishContext context, IPipe<PublishContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        TenantStamp.Apply(context, tenants);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenantPublish");
}

/// <summary>Stamps the current space on every sent message that does not carry one yet.</summary>
public sealed class TenantSendFilter(ITenantContext tenants) : IFilter<SendContext>
{
    public Task Send(SendContext context, IPipe<SendContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        TenantStamp.Apply(context, tenants);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenantSend");
}

internal static class TenantStamp
{
    public static void Apply(SendContext context, ITenantContext tenants)
    {
        if (tenants.TenantId is { } tenantId && !context.Headers.TryGetHeader(TenantHeaders.TenantId, out _))
        {
            context.Headers.Set(TenantHeaders.TenantId, tenantId.ToString());
        }
    }
}
