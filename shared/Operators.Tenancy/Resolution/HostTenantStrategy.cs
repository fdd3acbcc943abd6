using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Operators.Tenancy.Resolution;

/// <summary><c>{slug}.{base domain}</c>: only when a base domain is configured, and only one label deep.</summary>
public sealed class HostTenantStrategy(IOptions<TenancyOptions> options) : ITenantStrategy
{
    public int Priority => 100;

    public string? Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var baseDomain = options.Value.BaseDomain?.Trim('.');
        if (string.IsNullOrEmpty(baseDomain))
        {
            return null;
        }

        var host = context.Request.Host.Host;
        var suffix = "." + baseDomain;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var label = host[..^suffix.Length];
        return label.Length == 0 || label.Contains('.', StringComparison.Ordinal) || label.Equals("www", StringComparison.OrdinalIgnoreCase)
            ? null
            : label.ToLowerInvariant();
    }
}
