namespace Operators.Tenancy;

/// <summary>A space: the unit of isolation. Everything a request or a message does happens inside one.</summary>
public sealed record TenantInfo
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string Locale { get; init; } = "fr-FR";
    public string TimeZone { get; init; } = "Europe/Paris";
    public string Currency { get; init; } = "EUR";
    public TenantStatus Status { get; init; } = TenantStatus.Active;
    public LegalIdentity Legal { get; init; } = new();
}

/// <summary>Who issues the space's invoices, as French law wants it written.</summary>
public sealed record LegalIdentity
{
    public string? CompanyName { get; init; }
    public string? Siret { get; init; }
    public string? VatNumber { get; init; }
    public string? Address { get; init; }
    /// <summary><c>standard</c>, or <c>franchise</c> for "TVA non applicable, art. 293 B du CGI".</summary>
    public string VatRegime { get; init; } = "standard";
}

public enum TenantStatus
{
    Provisioning,
    Active,
    Failed,
    Suspended,
}
