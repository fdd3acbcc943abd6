namespace Operators.Contracts.Spaces;

/// <summary>The gateway registered a new space; each service prepares its own side of it.</summary>
[NetworkScoped]
public sealed record SpaceProvisioningRequested(
    Guid SpaceId,
    string Slug,
    string Name,
    string Template,
    string Locale,
    string TimeZone,
    string Currency);
