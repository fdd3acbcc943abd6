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
    /// Offers the store that knows a module's spaces. A host of one module uses it; a host of several modules
    /// (standalone) says which store it uses with <see cref="UseTenantStore{TStore}"/>, and does not start
    /// if it leaves the choice open. The store is read behind a cache (<see cref="CachedTenantStore"/>).
    /// </summary>
    public static IServiceCollection AddTenantStore<TStore>(this IServiceCollection services)
        where TStore : class, ITenantStore
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<TStore>();
        services.AddSingleton(new TenantStoreOffer(typeof(TStore)));
        return services.AddTenantStoreSelection();
    }

    /// <summary>The host's choice of tenant store, whatever its modules offer and in whatever order they were added.</summary>
    public static IServiceCollection UseTenantStore<TStore>(this IServiceCollection services)
        where TStore : class, ITenantStore
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(TenantStoreChoice)))
        {
            throw new InvalidOperationException("This host has already chosen its tenant store.");
        }

        services.TryAddScoped<TStore>();
        services.AddSingleton(new TenantStoreChoice(typeof(TStore)));
        return services.AddTenantStoreSelection();
    }

    private static IServiceCollection AddTenantStoreSelection(this IServiceCollection services)
    {
        if (services.Any(d => d.ImplementationType == typeof(TenantStoreSelection.Validator)))
        {
            return services;
        }

        services.AddSingleton<IValidateOptions<TenantStoreSelection>, TenantStoreSelection.Validator>();
        services.AddOptions<TenantStoreSelection>()
            .Configure<IEnumerable<TenantStoreOffer>, IEnumerable<TenantStoreChoice>>((selection, offers, choices) =>
                selection.Choose(offers.Select(o => o.StoreType), choices.SingleOrDefault()?.StoreType))
            .ValidateOnStart();
        services.AddScoped<ITenantStore>(sp => new CachedTenantStore(
            (ITenantStore)sp.GetRequiredService(sp.GetRequiredService<IOptions<TenantStoreSelection>>().Value.StoreType!),
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
