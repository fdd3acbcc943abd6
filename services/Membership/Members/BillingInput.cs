using FluentValidation;
using Operators.Contracts;
using Operators.ServiceDefaults.Validation;

namespace Operators.Membership.Members;

public sealed record AddressInput(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

/// <summary>Billing details as a client sends them, for a member or a company.</summary>
public sealed record BillingInput(string? Name, AddressInput? Address, bool? IsBusiness, string? Siren, string? VatNumber)
{
    /// <summary>The stored identity: trimmed, identifiers compacted, the country in capitals (FR when not given).</summary>
    public BillingIdentity ToIdentity(bool businessByDefault) => new()
    {
        Name = Name!.Trim(),
        Line1 = Address!.Line1!.Trim(),
        Line2 = string.IsNullOrWhiteSpace(Address.Line2) ? null : Address.Line2.Trim(),
        PostalCode = Address.PostalCode!.Trim(),
        City = Address.City!.Trim(),
        Country = CountryOf(Address),
        IsBusiness = IsBusiness ?? businessByDefault,
        Siren = string.IsNullOrWhiteSpace(Siren) ? null : FrenchIdentifiers.Compact(Siren),
        VatNumber = string.IsNullOrWhiteSpace(VatNumber) ? null : FrenchIdentifiers.Compact(VatNumber),
    };

    internal static string CountryOf(AddressInput address) => string.IsNullOrWhiteSpace(address.Country) ? "FR" : address.Country.Trim().ToUpperInvariant();
}

public sealed record BillingResponse(string Name, Address Address, bool IsBusiness, string? Siren, string? VatNumber)
{
    public static BillingResponse? From(BillingIdentity? billing) =>
        billing is null ? null : new(billing.Name, AddressOf(billing), billing.IsBusiness, billing.Siren, billing.VatNumber);

    public static Address AddressOf(BillingIdentity billing) => new(billing.Line1, billing.Line2, billing.PostalCode, billing.City, billing.Country);

    /// <summary>The details billing receives in <c>MemberBillingDetailsChanged</c> and <c>CompanyChanged</c>.</summary>
    public static Contracts.Membership.BillingDetails? Details(BillingIdentity? billing, string? email) =>
        billing is null ? null : new(billing.Name, AddressOf(billing), billing.IsBusiness, billing.Siren, billing.VatNumber, email);
}

/// <summary>
/// Billing details an invoice can carry: lengths as stored, an ISO country, a French postal code of five digits,
/// a valid SIREN and VAT number, and a SIREN for a French business customer (the e-invoicing reform requires it).
/// </summary>
public sealed class BillingInputValidator : AbstractValidator<BillingInput>
{
    public BillingInputValidator()
    {
        RuleFor(b => b.Name).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(b => b.Address).NotNull();
        When(b => b.Address is not null, () =>
        {
            RuleFor(b => b.Address!.Line1).NotEmpty().MaximumLength(200).PlainText().OverridePropertyName("address.line1");
            RuleFor(b => b.Address!.Line2).MaximumLength(200).PlainText().OverridePropertyName("address.line2");
            RuleFor(b => b.Address!.PostalCode).NotEmpty().MaximumLength(16).PlainText().OverridePropertyName("address.postalCode");
            RuleFor(b => b.Address!.PostalCode).Must(FrenchIdentifiers.IsFrenchPostalCode)
                .When(b => !string.IsNullOrEmpty(b.Address!.PostalCode) && BillingInput.CountryOf(b.Address) == "FR")
                .OverridePropertyName("address.postalCode").WithMessage("A French postal code is five digits.");
            RuleFor(b => b.Address!.City).NotEmpty().MaximumLength(120).PlainText().OverridePropertyName("address.city");
            RuleFor(b => b.Address!).Must(a => FrenchIdentifiers.IsCountry(BillingInput.CountryOf(a)))
                .OverridePropertyName("address.country").WithMessage("'address.country' must be an ISO 3166 alpha-2 code (FR, BE, DE…).");
        });
        RuleFor(b => FrenchIdentifiers.Compact(b.Siren)).Must(FrenchIdentifiers.IsSiren).When(b => !string.IsNullOrWhiteSpace(b.Siren))
            .OverridePropertyName("siren").WithMessage("'siren' must be nine digits with a valid check digit (Luhn).");
        RuleFor(b => b.Siren).NotEmpty()
            .When(b => b.IsBusiness == true && b.Address is not null && BillingInput.CountryOf(b.Address) == "FR")
            .WithMessage("A French business customer needs its SIREN.");
        RuleFor(b => FrenchIdentifiers.Compact(b.VatNumber)).Must(vat => FrenchIdentifiers.VatNumberProblem(vat!) is null)
            .When(b => !string.IsNullOrWhiteSpace(b.VatNumber))
            .OverridePropertyName("vatNumber").WithMessage(b => FrenchIdentifiers.VatNumberProblem(FrenchIdentifiers.Compact(b.VatNumber)!));
        RuleFor(b => b.VatNumber).Must((b, vat) => FrenchIdentifiers.SirenOf(FrenchIdentifiers.Compact(vat)) == FrenchIdentifiers.Compact(b.Siren))
            .When(b => FrenchIdentifiers.IsSiren(FrenchIdentifiers.Compact(b.Siren)) && FrenchIdentifiers.SirenOf(FrenchIdentifiers.Compact(b.VatNumber)) is not null)
            .WithMessage("'vatNumber' holds another SIREN than 'siren'.");
    }
}
