namespace Operators.Gateway.Intranet.Membership;

/// <summary>The billing identity fields (a member's or a company's), as the forms post them.</summary>
public sealed class BillingForm
{
    public string? Name { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string Country { get; set; } = "FR";

    public bool IsBusiness { get; set; }

    public string? Siren { get; set; }

    public string? VatNumber { get; set; }

    /// <summary>Nothing typed: the member gives no billing details (yet), which the API records as <c>null</c>.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Line1) && string.IsNullOrWhiteSpace(PostalCode) && string.IsNullOrWhiteSpace(City);

    public static BillingForm From(BillingDocument? billing) => billing is null ? new() : new()
    {
        Name = billing.Name,
        Line1 = billing.Address?.Line1,
        Line2 = billing.Address?.Line2,
        PostalCode = billing.Address?.PostalCode,
        City = billing.Address?.City,
        Country = billing.Address?.Country ?? "FR",
        IsBusiness = billing.IsBusiness,
        Siren = billing.Siren,
        VatNumber = billing.VatNumber,
    };

    public object ToRequest() => new
    {
        name = Name?.Trim(),
        address = new
        {
            line1 = Line1?.Trim(),
            line2 = string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(),
            postalCode = PostalCode?.Trim(),
            city = City?.Trim(),
            country = string.IsNullOrWhiteSpace(Country) ? "FR" : Country.Trim().ToUpperInvariant(),
        },
        isBusiness = IsBusiness,
        siren = string.IsNullOrWhiteSpace(Siren) ? null : Siren.Replace(" ", "", StringComparison.Ordinal),
        vatNumber = string.IsNullOrWhiteSpace(VatNumber) ? null : VatNumber.Replace(" ", "", StringComparison.Ordinal),
    };
}
