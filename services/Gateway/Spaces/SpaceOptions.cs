namespace Operators.Gateway.Spaces;

/// <summary>Configuration section <c>Spaces</c>.</summary>
public sealed class SpaceOptions
{
    /// <summary>A space whose services have not all answered after this long is marked failed.</summary>
    public TimeSpan ProvisioningTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
