using Operators.Billing.Invoices;
using Operators.Contracts;

namespace Operators.Billing.Settings;

/// <summary>The seller's side of a document: what must be known before issuing, and the copy an issued document keeps.</summary>
public static class SellerIdentity
{
    /// <summary>The settings fields (API names) an invoice cannot be issued without; empty when the space may issue.</summary>
    public static IReadOnlyList<string> Missing(BillingSettings? s)
    {
        if (s is null)
        {
            return ["legalName", "legalForm", "address", "siren", "siret", "electronicAddress", "vatNumber"];
        }

        var missing = new List<string>();
        void Need(string field, params string?[] values)
        {
            if (values.Any(string.IsNullOrWhiteSpace))
            {
                missing.Add(field);
            }
        }

        Need("legalName", s.LegalName);
        Need("legalForm", s.LegalForm);
        Need("address", s.Line1, s.PostalCode, s.City, s.Country);
        Need("siren", s.Siren);
        Need("siret", s.Siret);
        Need("electronicAddress", s.ElectronicAddress);
        if (s.VatRegime == VatRegime.Standard)
        {
            Need("vatNumber", s.VatNumber);
        }

        return missing;
    }

    public static SellerSnapshot Snapshot(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var party = new PartySnapshot(
            s.LegalName!, new Address(s.Line1!, s.Line2, s.PostalCode!, s.City!, s.Country), IsBusiness: true, s.Siren, s.Siret,
            s.VatRegime == VatRegime.Standard ? s.VatNumber : null, s.Email, s.ElectronicAddress, s.LegalForm, s.ShareCapital, s.Rcs);
        return new SellerSnapshot(party, s.VatRegime == VatRegime.Franchise293B, s.VatOnDebits, s.PaymentTermsDays, s.LatePenaltyRate, s.Iban, s.Bic);
    }
}
