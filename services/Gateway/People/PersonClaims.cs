using System.Security.Claims;
using Operators.Gateway.Accounts;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.People;

/// <summary>Reads who a gateway principal is, whether it came from a bearer token or the intranet's cookie.</summary>
public static class PersonClaims
{
    public static Guid? IdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && Guid.TryParse(user.FindFirstValue(InternalClaims.Subject) ?? user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    public static string? EmailOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(InternalClaims.Email) ?? user?.FindFirstValue(ClaimTypes.Email);

    public static bool IsNetworkAdmin(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && (user.HasClaim(InternalClaims.Role, NetworkRoles.NetworkAdmin) || user.HasClaim(ClaimTypes.Role, NetworkRoles.NetworkAdmin));

    /// <summary>The caller in the current space: their id and their roles there (network-admin counts as owner).</summary>
    public static async Task<Caller> CallerAsync(this SpacePeople people, ClaimsPrincipal? user, Guid spaceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        var id = IdOf(user);
        if (id is null)
        {
            return new Caller(null, new HashSet<string>());
        }

        var roles = await people.RolesOfAsync(id.Value, spaceId, IsNetworkAdmin(user), ct);
        return new Caller(id, roles.ToHashSet(StringComparer.Ordinal));
    }
}
