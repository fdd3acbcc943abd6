using System.Globalization;
using Operators.Billing.Invoices;

namespace Operators.Billing.Documents;

/// <summary>
/// The human texts of a document, in its language (<c>fr</c> or <c>en</c>): the PDF prints them and the Factur-X notes
/// carry them, so the two never disagree. Amounts and dates are written in the document's culture.
/// </summary>
public sealed class LegalMentions
{
    /// <summary>The fixed recovery indemnity owed by a business customer paying late (Code de commerce L441-10).</summary>
    public const decimal RecoveryIndemnity = 40m;

    /// <summary>The VAT franchise's mandatory wording; the law gives it in French only, so English documents print it too.</summary>
    public const string VatFranchiseFr = "TVA non applicable, art. 293 B du CGI";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private readonly InvoiceDocumentModel model;

    public LegalMentions(InvoiceDocumentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        IsFrench = !string.Equals(model.Language, "en", StringComparison.OrdinalIgnoreCase);
    }

    public bool IsFrench { get; }

    private CultureInfo Culture => IsFrench ? French : English;

    private SellerSnapshot Seller => model.Seller;

    private PartySnapshot Buyer => model.Buyer;

    private string T(string fr, string en) => IsFrench ? fr : en;

    /// <summary>
    /// An amount as the reader expects it: <c>1 234,56 €</c> or <c>€1,234.56</c>. French group separators become a
    /// no-break space (U+00A0) rather than .NET's narrow one (U+202F), which fewer readers and fonts know.
    /// </summary>
    public string Money(decimal amount)
    {
        var digits = amount.ToString("N2", Culture).Replace('\u202F', '\u00A0');
        var symbol = string.Equals(model.Currency, "EUR", StringComparison.Ordinal) ? "€" : model.Currency;
        return IsFrench ? $"{digits}\u00A0{symbol}" : symbol == "€" ? $"€{digits}" : $"{symbol}\u00A0{digits}";
    }

    /// <summary>A unit price keeps its significant decimals (0.335 stays 0.335), with at least the cents.</summary>
    public string UnitPrice(decimal amount)
    {
        var digits = amount.ToString("#,##0.00####", Culture).Replace('\u202F', '\u00A0');
        var symbol = string.Equals(model.Currency, "EUR", StringComparison.Ordinal) ? "€" : model.Currency;
        return IsFrench ? $"{digits}\u00A0{symbol}" : symbol == "€" ? $"€{digits}" : $"{symbol}\u00A0{digits}";
    }

    public string Quantity(decimal quantity) => quantity.ToString("#,##0.####", Culture).Replace('\u202F', '\u00A0');

    public string Rate(decimal rate) => IsFrench
        ? rate.ToString("0.##", Culture) + "\u00A0%"
        : rate.ToString("0.##", Culture) + "%";

    /// <summary>"Échéance : 27/12/2026" (French puts a space before the colon), "Due date: 27 December 2026".</summary>
    public string Labelled(string label, string value) => IsFrench ? $"{label} : {value}" : $"{label}: {value}";

    public string Date(DateOnly date) => date.ToString(IsFrench ? "dd/MM/yyyy" : "d MMMM yyyy", Culture);

    /// <summary>"Facture" or "Avoir" (the word the law asks for), "Invoice" or "Credit note".</summary>
    public string Title => model.Kind == DocumentKind.CreditNote ? T("Avoir", "Credit note") : T("Facture", "Invoice");

    public string NumberLabel => T("N°", "No.");

    public string IssueDateLabel => T("Date d'émission", "Issue date");

    public string DueDateLabel => T("Échéance", "Due date");

    public string CustomerLabel => T("Client", "Customer");

    public string SellerLabel => T("Émetteur", "Seller");

    public string? ServicePeriod => (model.ServiceFrom, model.ServiceTo) switch
    {
        ({ } from, { } to) when from == to => T($"Date de la prestation : {Date(from)}", $"Service date: {Date(from)}"),
        ({ } from, { } to) => T($"Période de la prestation : du {Date(from)} au {Date(to)}", $"Service period: {Date(from)} to {Date(to)}"),
        ({ } from, null) => T($"Prestation à partir du {Date(from)}", $"Service from {Date(from)}"),
        (null, { } to) => T($"Prestation jusqu'au {Date(to)}", $"Service until {Date(to)}"),
        _ => null,
    };

    /// <summary>A credit note names the invoice it credits, with its date.</summary>
    public string? CreditedInvoice => model.Kind == DocumentKind.CreditNote && model.PrecedingInvoiceNumber is { } number
        ? model.PrecedingInvoiceIssueDate is { } date
            ? T($"Avoir sur la facture {number} du {Date(date)}", $"Credit note for invoice {number} of {Date(date)}")
            : T($"Avoir sur la facture {number}", $"Credit note for invoice {number}")
        : null;

    /// <summary>The seller's legal form and share capital (companies), e.g. "SAS au capital de 10 000,00 €".</summary>
    public string? SellerLegalForm => (Seller.Party.LegalForm, Seller.Party.ShareCapital) switch
    {
        ({ } form, { } capital) => T($"{form} au capital de {Money(capital)}", $"{form} with a share capital of {Money(capital)}"),
        ({ } form, null) => form,
        _ => null,
    };

    /// <summary>SIREN and SIRET of a party, as one line (the trade register entry, longer, has its own).</summary>
    public static string PartyRegistration(PartySnapshot party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return string.Join(" – ", new[] { party.Siren is { } siren ? $"SIREN {siren}" : null, party.Siret is { } siret ? $"SIRET {siret}" : null }.OfType<string>());
    }

    public string? VatNumber(PartySnapshot party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party.VatNumber is { } vat ? T($"N°\u00A0TVA intracommunautaire : {vat}", $"VAT number: {vat}") : null;
    }

    /// <summary>What the reform asks a business customer's invoice to show: the customer's SIREN.</summary>
    public string? CustomerSiren => Buyer.IsBusiness && Buyer.Siren is { } siren ? T($"SIREN du client : {siren}", $"Customer SIREN: {siren}") : null;

    public string NatureOfOperation => T("Nature de l'opération : prestations de services", "Nature of the operation: services");

    /// <summary>The seller's tax situation: the VAT franchise mention, or the option for VAT on debits.</summary>
    public string? VatRegime => Seller.VatFranchise
        ? IsFrench ? VatFranchiseFr : $"VAT not applicable, art. 293 B of the French tax code ({VatFranchiseFr})"
        : Seller.VatOnDebits
            ? T("Option pour le paiement de la taxe d'après les débits", "VAT paid on debits (option pour le paiement de la taxe d'après les débits)")
            : null;

    public string PaymentTerms => Seller.PaymentTermsDays <= 0
        ? T("Paiement à réception de facture", "Payment on receipt of the invoice")
        : T($"Paiement à {Seller.PaymentTermsDays} jours", $"Payment within {Seller.PaymentTermsDays} days");

    public string DueDate => T($"Date d'échéance : {Date(model.DueDate)}", $"Due date: {Date(model.DueDate)}");

    public string NoEarlyPaymentDiscount => T("Pas d'escompte pour paiement anticipé", "No discount for early payment");

    public string LatePenalty => T(
        $"Pénalités de retard : taux annuel de {Rate(Seller.LatePenaltyRate)}, exigibles dès le lendemain de la date d'échéance",
        $"Late payment penalties: {Rate(Seller.LatePenaltyRate)} a year, due from the day after the due date");

    /// <summary>
    /// The 40 € indemnity, written as an amount for a business customer; a consumer does not owe it, and the document
    /// says so, since the French rules want the PMT note on every invoice.
    /// </summary>
    public string RecoveryIndemnityMention => Buyer.IsBusiness
        ? T($"Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : {Money(RecoveryIndemnity)}",
            $"Fixed compensation for recovery costs in case of late payment: {Money(RecoveryIndemnity)}")
        : T("Indemnité forfaitaire pour frais de recouvrement : non applicable (client non professionnel)",
            "Fixed compensation for recovery costs: not applicable (consumer customer)");

    /// <summary>Terms, as the Factur-X payment terms (BT-20) and the PDF's payment block say them.</summary>
    public string PaymentTermsText => $"{PaymentTerms}. {DueDate}. {NoEarlyPaymentDiscount}.";

    public string PaymentDetailsLabel => T("Règlement par virement", "Payment by bank transfer");

    public string PaymentReference => T($"Référence à indiquer : {model.Number}", $"Reference: {model.Number}");

    public string QrCodeCaption => T("QR code virement SEPA", "SEPA credit transfer QR code");

    public string Page(int page, int pages) => T($"Page {page}/{pages}", $"Page {page} of {pages}");

    public string Description => T("Désignation", "Description");

    public string QuantityLabel => T("Qté", "Qty");

    public string UnitPriceLabel => T("P.U. HT", "Unit price excl. VAT");

    public string VatRateLabel => T("TVA", "VAT");

    public string LineNetLabel => T("Total HT", "Total excl. VAT");

    public string VatBaseLabel => T("Base HT", "Base excl. VAT");

    public string VatAmountLabel => T("Montant TVA", "VAT amount");

    public string NetTotalLabel => T("Total HT", "Total excl. VAT");

    public string VatTotalLabel => T("Total TVA", "Total VAT");

    public string GrossTotalLabel => T("Total TTC", "Total incl. VAT");

    public string AmountDueLabel => model.Kind == DocumentKind.CreditNote ? T("Montant de l'avoir", "Amount credited") : T("Net à payer", "Amount due");
}
