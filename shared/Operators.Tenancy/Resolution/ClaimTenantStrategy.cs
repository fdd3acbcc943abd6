using Microsoft.AspNetCore.Http;

namespace Operators.Tenancy.Resolution;

/// <summary>Inside services: the space id the gateway put in the internal token.</summary>
public sealed class ClaimTenantStrategy : ITenantStrategy
{
    public int Priority => 300;

    public string? Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirst(TenantClaimTypes.Tenant)?.Value
            : null;
    }
}
