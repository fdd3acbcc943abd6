namespace Operators.Contracts.Spaces;

/// <summary>Every service has provisioned the space: it is now active.</summary>
[NetworkScoped]
public sealed record SpaceProvisioned(Guid SpaceId, string Slug);
