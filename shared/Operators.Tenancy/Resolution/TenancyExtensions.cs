using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Operators.Tenancy.Resolution;

public static class TenancyExtensions
{
    /// <summary>The tenant context, the edge strategies (host, then path prefix) and the resolver.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection("Tenancy"));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TenancyOptions>>().Value);
        services.AddMemoryCache();
        services.TryAddSingleton<TenantContext>();
        services.TryAddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.TryAddSingleton<ITenantContextSetter>(sp => sp.GetRequiredService<TenantContext>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITenantStrategy, HostTenantStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITenantStrategy, PathPrefixTenantStrategy>());
        services.TryAddScoped<TenantResolver>();
        return services;
    }

    /// <summary>
    /// Registers the store that knows this host's spaces, behind the cache. The first registration wins, so
    /// the standalone host, which adds the gateway first, resolves spaces from the gateway's registry.
    /// </summary>
    public static IServiceCollection TryAddTenantStore<TStore>(this IServiceCollection services)
        where TStore : class, ITenantStore
    {
        if (services.Any(d => d.ServiceType == typeof(ITenantStore)))
        {
            return services;
        }

        services.AddScoped<TStore>();
        services.AddScoped<ITenantStore>(sp => new CachedTenantStore(
            sp.GetRequiredService<TStore>(),
            sp.GetRequiredService<IMemoryCache>(),
            sp.GetRequiredService<TenancyOptions>()));
        return services;
    }

    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>Routes of a service: the space comes from the internal token (see <see cref="RequireTenantFilter"/>).</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, RequireTenantFilter>();
}
