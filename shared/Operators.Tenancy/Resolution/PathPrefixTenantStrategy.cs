using Microsoft.AspNetCore.Http;

namespace Operators.Tenancy.Resolution;

/// <summary><c>/s/{slug}/...</c>: the prefix moves to PathBase so the rest of the pipeline sees <c>/...</c>.</summary>
public sealed class PathPrefixTenantStrategy : ITenantStrategy
{
    private static readonly PathString Prefix = new("/s");

    public int Priority => 200;

    public string? Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
            || !rest.HasValue)
        {
            return null;
        }

        var value = rest.Value!;
        var end = value.IndexOf('/', 1);
        var slug = end < 0 ? value[1..] : value[1..end];
        return slug.Length == 0 ? null : slug.ToLowerInvariant();
    }

    public void OnResolved(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest);
        var value = rest.Value!;
        var end = value.IndexOf('/', 1);
        var slugSegment = end < 0 ? value : value[..end];
        request.PathBase = request.PathBase.Add(Prefix).Add(new PathString(slugSegment));
        request.Path = end < 0 ? new PathString("/") : new PathString(value[end..]);
    }
}
