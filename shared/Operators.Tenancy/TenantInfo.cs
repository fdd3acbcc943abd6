namespace Operators.Tenancy;

/// <summary>
/// A space: the unit of isolation. Everything a request or a message does happens inside one. This is what
/// the tenant context carries and the stores cache, not a database row: see the README for the space's shapes.
/// </summary>
public sealed record TenantInfo
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string Locale { get; init; } = "fr-FR";
    public string TimeZone { get; init; } = "Europe/Paris";
    public string Currency { get; init; } = "EUR";
    public TenantStatus Status { get; init; } = TenantStatus.Active;
}

public enum TenantStatus
{
    Provisioning,
    Active,
    Failed,
    Suspended,
}
