namespace Operators.Contracts.Spaces;

/// <summary>One service finished (or failed) its part of provisioning a space.</summary>
[NetworkScoped]
public sealed record SpaceProvisioningStepCompleted(
    Guid SpaceId,
    string Step,
    bool Succeeded,
    string? Error);
