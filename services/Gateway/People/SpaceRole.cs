namespace Operators.Gateway.People;

/// <summary>One role one person holds in one space. The gateway is the only place roles are granted.</summary>
public sealed class SpaceRole
{
    public Guid SpaceId { get; set; }

    public Guid AccountId { get; set; }

    public required string Role { get; set; }

    public DateTime GrantedAt { get; set; }

    public Guid? GrantedBy { get; set; }
}
