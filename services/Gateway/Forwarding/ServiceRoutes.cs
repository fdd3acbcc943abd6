using System.Security.Claims;
using Operators.Gateway.People;
using Microsoft.Extensions.Primitives;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Gateway.Forwarding;

/// <summary>What the edge does to every request bound for a service, however it gets there (YARP or in-process).</summary>
public sealed class ServiceRoutes(InternalTokenIssuer issuer)
{
    /// <summary>The services behind the gateway; each one's public routes live under <c>/api/{name}</c>.</summary>
    public static IReadOnlyList<string> Services { get; } = ["booking", "membership", "billing"];

    /// <summary>
    /// Headers a client may not choose: its own credentials (replaced by the internal token), and any attempt to
    /// name a space or pass an internal token itself.
    /// </summary>
    public static IReadOnlyList<string> StrippedHeaders { get; } =
    [
        "Authorization", "Cookie", "Operators-Tenant", "X-Operators-Tenant", "X-Tenant", "X-Tenant-Id", "X-Internal-Token", "X-Internal-Authorization",
    ];

    /// <summary>
    /// Where a request came from, as a proxy tells the next hop. A service builds public addresses from them (the
    /// calendar feed), so they must be the gateway's own word: the proxy sets them, the in-process edge removes a
    /// client's (its services read the request itself, already corrected by <c>Http:TrustedProxies</c>).
    /// </summary>
    public static IReadOnlyList<string> ForwardingHeaders { get; } =
    [
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix",
    ];

    /// <summary>The service a path belongs to (<c>/api/booking/...</c> → booking), or null.</summary>
    public static string? ServiceOf(PathString path)
    {
        foreach (var service in Services)
        {
            if (path.StartsWithSegments("/api/" + service, StringComparison.OrdinalIgnoreCase))
            {
                return service;
            }
        }

        return null;
    }

    /// <summary>
    /// The internal token for one forwarded request: who, in which space, for which service, with the roles the
    /// person holds in that space now (read per request, so a revoked role stops working at once).
    /// </summary>
    public async Task<string> InternalTokenAsync(string service, TenantInfo tenant, ClaimsPrincipal? user, SpacePeople people, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(people);
        var caller = await people.CallerAsync(user, tenant.Id, ct);
        return issuer.Issue(service, tenant, caller.Id?.ToString(), caller.Roles, PersonClaims.EmailOf(user));
    }

    public static void Strip(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var header in StrippedHeaders.Concat(ForwardingHeaders))
        {
            headers.Remove(header);
        }
    }

    public static StringValues Bearer(string token) => "Bearer " + token;
}
