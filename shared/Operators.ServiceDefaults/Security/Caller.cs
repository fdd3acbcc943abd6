using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Operators.ServiceDefaults.Security;

/// <summary>The roles a person holds in a space (API.md): <c>owner</c> holds every right of operator and treasurer; <c>network-admin</c> acts as owner anywhere.</summary>
public static class SpaceRoles
{
    public const string Member = "member";
    public const string Operator = "operator";
    public const string Treasurer = "treasurer";
    public const string Owner = "owner";
    public const string NetworkAdmin = "network-admin";

    public static IReadOnlyList<string> All { get; } = [Member, Operator, Treasurer, Owner];
}

/// <summary>
/// Who is calling a service, from the internal token: a person (or nobody) and their roles in this space. A handler
/// takes it as a parameter (bound from the request's user); <see cref="SpaceRoleEndpoints.RequireSpaceRole"/> guards the route.
/// </summary>
public sealed record Caller(Guid? Id, IReadOnlySet<string> Roles)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Caller?>(From(context.User));
    }

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(InternalClaims.Subject), out var parsed) ? parsed : (Guid?)null;
        return new Caller(id, user.FindAll(InternalClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool IsSignedIn => Id is not null;

    public bool IsOwner => Roles.Contains(SpaceRoles.Owner) || Roles.Contains(SpaceRoles.NetworkAdmin);

    public bool IsOperator => IsOwner || Roles.Contains(SpaceRoles.Operator);

    public bool IsTreasurer => IsOwner || Roles.Contains(SpaceRoles.Treasurer);

    /// <summary>Anyone holding a role in the space counts as one of its people.</summary>
    public bool IsMember => IsSignedIn && (Roles.Contains(SpaceRoles.Member) || IsOperator || Roles.Contains(SpaceRoles.Treasurer));

    public bool Holds(SpaceAccess access) => access switch
    {
        SpaceAccess.SignedIn => IsSignedIn,
        SpaceAccess.Member => IsMember,
        SpaceAccess.Operator => IsOperator,
        SpaceAccess.Treasurer => IsTreasurer,
        SpaceAccess.Owner => IsOwner,
        _ => false,
    };
}
