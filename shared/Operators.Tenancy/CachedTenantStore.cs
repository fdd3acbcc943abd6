using Microsoft.Extensions.Caching.Memory;

namespace Operators.Tenancy;

/// <summary>
/// Keeps recent lookups of another store for a short time: every request resolves its space, and the
/// registry changes rarely. A status change (suspension) is therefore seen within <see cref="TenancyOptions.CacheDuration"/>,
/// or at once when the writer calls <see cref="Invalidate"/>.
/// </summary>
public sealed class CachedTenantStore(ITenantStore inner, IMemoryCache cache, TenancyOptions options) : ITenantStore
{
    public async Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var key = CacheKey(identifier);
        if (cache.TryGetValue(key, out TenantInfo? cached))
        {
            return cached;
        }

        var tenant = await inner.FindAsync(identifier, cancellationToken);
        // Misses are cached too (briefly) so a flood of requests for an unknown space does not reach the database.
        var duration = tenant is null ? TimeSpan.FromTicks(Math.Min(options.CacheDuration.Ticks, TimeSpan.FromSeconds(2).Ticks)) : options.CacheDuration;
        if (duration > TimeSpan.Zero)
        {
            cache.Set(key, tenant, duration);
        }

        return tenant;
    }

    public static void Invalidate(IMemoryCache cache, params string[] identifiers)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(identifiers);
        foreach (var identifier in identifiers)
        {
            cache.Remove(CacheKey(identifier));
        }
    }

    private static string CacheKey(string identifier) => "tenant:" + identifier.ToUpperInvariant();
}
