using Microsoft.AspNetCore.Http;

namespace Operators.Tenancy.Resolution;

/// <summary>What a request said about its space.</summary>
public enum TenantResolutionOutcome
{
    /// <summary>No strategy found an identifier: a network-level request.</summary>
    None,

    /// <summary>An active space.</summary>
    Resolved,

    /// <summary>An identifier that names no usable space (unknown, provisioning, failed, suspended).</summary>
    NotFound,
}

public sealed record TenantResolution(TenantResolutionOutcome Outcome, TenantInfo? Tenant, ITenantStrategy? Strategy);

/// <summary>Tries the strategies in priority order; the first identifier found decides, there is no fallback.</summary>
public sealed class TenantResolver(IEnumerable<ITenantStrategy> strategies, IServiceProvider services)
{
    private readonly ITenantStrategy[] ordered = [.. strategies.OrderBy(s => s.Priority)];

    public async Task<TenantResolution> ResolveAsync(HttpContext context)
    {
        foreach (var strategy in ordered)
        {
            var identifier = strategy.Identify(context);
            if (identifier is null)
            {
                continue;
            }

            // Looked up only when a request names a space: a host without spaces needs no store.
            var store = services.GetService(typeof(ITenantStore)) as ITenantStore
                ?? throw new InvalidOperationException("A request names a space but this host has no ITenantStore.");
            var tenant = await store.FindAsync(identifier, context.RequestAborted);
            return tenant is { Status: TenantStatus.Active }
                ? new TenantResolution(TenantResolutionOutcome.Resolved, tenant, strategy)
                : new TenantResolution(TenantResolutionOutcome.NotFound, null, strategy);
        }

        return new TenantResolution(TenantResolutionOutcome.None, null, null);
    }
}
