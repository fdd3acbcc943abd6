using Operators.Contracts;

namespace Operators.Billing.Invoices;

/// <summary>A party to a document as it stood at issue: copied, never looked up again.</summary>
public sealed record PartySnapshot(
    string Name,
    Address Address,
    bool IsBusiness,
    string? Siren,
    string? Siret,
    string? VatNumber,
    string? Email,
    string? ElectronicAddress,
    string? LegalForm,
    decimal? ShareCapital,
    string? Rcs);

/// <summary>The seller at issue: its identity and the terms its documents state.</summary>
public sealed record SellerSnapshot(
    PartySnapshot Party,
    bool VatFranchise,
    bool VatOnDebits,
    int PaymentTermsDays,
    decimal LatePenaltyRate,
    string? Iban,
    string? Bic);
