namespace Operators.Contracts.Spaces;

/// <summary>A space could not be provisioned (a step failed or the steps did not all answer in time).</summary>
[NetworkScoped]
public sealed record SpaceProvisioningFailed(Guid SpaceId, string Slug, string Reason);
