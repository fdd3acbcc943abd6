using Operators.Billing.Invoices;
using Operators.Contracts;

namespace Operators.Billing.Settings;

/// <summary>
/// The seller's identity an invoice must state (INVOICING-FR.md): what is still missing before the space can issue,
/// and the copy an issued document keeps of it.
/// </summary>
public static class SellerIdentity
{
    /// <summary>
    /// The settings' API field names still missing for issuing, in the document's order; empty when the space can
    /// issue. The VAT number is required unless the space is under the VAT franchise. The share capital is not:
    /// associations have none.
    /// </summary>
    public static IReadOnlyList<string> Missing(BillingSettings? s)
    {
        var missing = new List<string>();
        Need(s?.LegalName, "legalName");
        Need(s?.LegalForm, "legalForm");
        if (string.IsNullOrWhiteSpace(s?.Line1) || string.IsNullOrWhiteSpace(s.PostalCode) || string.IsNullOrWhiteSpace(s.City) || string.IsNullOrWhiteSpace(s.Country))
        {
            missing.Add("address");
        }

        Need(s?.Siren, "siren");
        Need(s?.Siret, "siret");
        if ((s?.VatRegime ?? VatRegime.Standard) == VatRegime.Standard)
        {
            Need(s?.VatNumber, "vatNumber");
        }

        Need(s?.ElectronicAddress, "electronicAddress");
        return missing;

        void Need(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(field);
            }
        }
    }

    /// <summary>The seller as an issued document keeps it; only for settings <see cref="Missing"/> finds complete.</summary>
    public static SellerSnapshot Snapshot(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (Missing(s) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException($"The seller's identity lacks {string.Join(", ", missing)}: check Missing before issuing.");
        }

        var franchise = s.VatRegime == VatRegime.Franchise293B;
        var party = new PartySnapshot(
            s.LegalName!,
            new Address(s.Line1!, s.Line2, s.PostalCode!, s.City!, s.Country),
            IsBusiness: true,
            s.Siren,
            s.Siret,
            // Under the franchise a space may still hold a VAT number (intra-EU purchases); it is printed when set.
            s.VatNumber,
            s.Email,
            s.ElectronicAddress,
            s.LegalForm,
            s.ShareCapital,
            s.Rcs);
        return new SellerSnapshot(party, franchise, s.VatOnDebits, s.PaymentTermsDays, s.LatePenaltyRate, s.Iban, s.Bic);
    }
}
