namespace Operators.Membership.Members;

/// <summary>Whom an invoice is addressed to: a member's or a company's legal name, address and identifiers.</summary>
public sealed class BillingIdentity
{
    public required string Name { get; set; }

    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string PostalCode { get; set; }

    public required string City { get; set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public string Country { get; set; } = "FR";

    public bool IsBusiness { get; set; }

    /// <summary>Nine digits (French companies); required by the e-invoicing reform for business customers.</summary>
    public string? Siren { get; set; }

    public string? VatNumber { get; set; }
}
