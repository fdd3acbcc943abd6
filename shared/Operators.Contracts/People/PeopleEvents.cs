namespace Operators.Contracts.People;

/// <summary>
/// A person received their first role in a space (the space is the message's tenant). <paramref name="PersonId"/>
/// is the account id: the same person everywhere (booking member id, membership member id, token subject).
/// </summary>
public sealed record PersonJoinedSpace(Guid PersonId, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Invited);

/// <summary>
/// A person's roles in a space changed; an empty list means they left it. A grant also carries the person's email
/// and name as the space knows them (a service that first needs the person then, e.g. an operator who becomes a
/// member, learns who they are); a revocation carries neither.
/// </summary>
public sealed record PersonRolesChanged(Guid PersonId, IReadOnlyList<string> Roles, string? Email = null, string? DisplayName = null);
