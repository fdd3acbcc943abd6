using System.Globalization;
using System.Text;
using System.Xml;
using Operators.Billing.Invoices;

namespace Operators.Billing.Documents;

/// <summary>
/// Writes the UN/CEFACT CII XML of a document, Factur-X profile EN 16931, with what the French reform's rules
/// (BR-FR-*) add: seller and business buyer SIREN (scheme 0002), the BAR note (B2B, B2BINT or B2C), the invoicing
/// mode BT-23, the PMT, PMD and AAB notes, and both parties' electronic addresses. Element order follows the XSD.
/// </summary>
public static class FacturXml
{
    public const string FileName = "factur-x.xml";

    /// <summary>The EN 16931 guideline (BT-24), which Factur-X's EN 16931 profile uses as is.</summary>
    public const string Guideline = "urn:cen.eu:en16931:2017";

    /// <summary>BT-23 "S1": an invoice for services only, in the plain case (no prepayment, no subcontracting).</summary>
    public const string InvoicingModeServices = "S1";

    private const string Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private const string Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private const string Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    private const string Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The XML as UTF-8 bytes without a byte order mark: what the PDF embeds.</summary>
    public static byte[] WriteBytes(InvoiceDocumentModel model, LegalMentions mentions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mentions);
        using var stream = new MemoryStream(8192 + model.Lines.Count * 900);
        var settings = new XmlWriterSettings { Encoding = Utf8, Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new Writer(writer, model, mentions).Document();
        }

        return stream.ToArray();
    }

    public static string Write(InvoiceDocumentModel model, LegalMentions mentions) => Utf8.GetString(WriteBytes(model, mentions));

    /// <summary>The BAR note: a business in France is B2B (its SIREN then required), abroad B2BINT; a person is B2C.</summary>
    public static string Treatment(PartySnapshot buyer)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        if (!buyer.IsBusiness)
        {
            return "B2C";
        }

        return string.Equals(buyer.Address.Country, "FR", StringComparison.OrdinalIgnoreCase) ? "B2B" : "B2BINT";
    }

    /// <summary>
    /// An electronic address (BT-34, BT-49) and its scheme: an e-mail address is scheme EM; anything else is a
    /// directory address of the French public portal, scheme 0225, which starts with the SIREN.
    /// </summary>
    public static (string Scheme, string Address)? ElectronicAddress(PartySnapshot party, bool business)
    {
        ArgumentNullException.ThrowIfNull(party);
        if (business && party.Siren is { } siren)
        {
            // BR-FR-21: a B2B buyer's address must be a 0225 address starting with its SIREN.
            return party.ElectronicAddress is { } own && !own.Contains('@', StringComparison.Ordinal) && own.StartsWith(siren, StringComparison.Ordinal)
                ? ("0225", own)
                : ("0225", siren);
        }

        if (party.ElectronicAddress is { Length: > 0 } address)
        {
            return (address.Contains('@', StringComparison.Ordinal) ? "EM" : "0225", address);
        }

        if (party.Email is { Length: > 0 } email)
        {
            return ("EM", email);
        }

        return party.Siren is { } fallback ? ("0225", fallback) : null;
    }

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(decimal rate) => rate.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quantity(decimal quantity) => quantity.ToString("0.####", CultureInfo.InvariantCulture);

    private static string UnitPrice(decimal price) => price.ToString("0.00####", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private sealed class Writer(XmlWriter xml, InvoiceDocumentModel model, LegalMentions mentions)
    {
        private SellerSnapshot Seller => model.Seller;

        private string Category => Seller.VatFranchise ? "E" : "S";

        public void Document()
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rsm", "CrossIndustryInvoice", Rsm);
            xml.WriteAttributeString("xmlns", "qdt", null, Qdt);
            xml.WriteAttributeString("xmlns", "ram", null, Ram);
            xml.WriteAttributeString("xmlns", "udt", null, Udt);

            xml.WriteStartElement("rsm", "ExchangedDocumentContext", Rsm);
            Start("BusinessProcessSpecifiedDocumentContextParameter");
            Element("ID", InvoicingModeServices);
            End();
            Start("GuidelineSpecifiedDocumentContextParameter");
            Element("ID", Guideline);
            End();
            xml.WriteEndElement();

            ExchangedDocument();

            xml.WriteStartElement("rsm", "SupplyChainTradeTransaction", Rsm);
            foreach (var line in model.Lines)
            {
                Line(line);
            }

            Agreement();
            Delivery();
            Settlement();
            xml.WriteEndElement();

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private void ExchangedDocument()
        {
            xml.WriteStartElement("rsm", "ExchangedDocument", Rsm);
            Element("ID", model.Number);
            Element("TypeCode", model.Kind == DocumentKind.CreditNote ? "381" : "380");
            Start("IssueDateTime");
            DateTime("udt", model.IssueDate);
            End();
            if (model.Note is { Length: > 0 } note)
            {
                Note(note, null);
            }

            Note(Treatment(model.Buyer), "BAR");
            if (Registration() is { } registration)
            {
                Note(registration, "REG");
            }

            if (!Seller.VatFranchise && mentions.VatRegime is { } vatRegime)
            {
                Note(vatRegime, "TXD");
            }

            Note(mentions.RecoveryIndemnityMention, "PMT");
            Note(mentions.LatePenalty, "PMD");
            Note(mentions.NoEarlyPaymentDiscount, "AAB");
            xml.WriteEndElement();
        }

        /// <summary>BT-33, the seller's additional legal information: legal form, share capital, trade register.</summary>
        private string? Registration()
        {
            var parts = new List<string>(2);
            if (mentions.SellerLegalForm is { } form)
            {
                parts.Add(form);
            }

            if (Seller.Party.Rcs is { } rcs)
            {
                parts.Add(rcs);
            }

            return parts.Count == 0 ? null : string.Join(" – ", parts);
        }

        private void Line(DocumentLine line)
        {
            Start("IncludedSupplyChainTradeLineItem");
            Start("AssociatedDocumentLineDocument");
            Element("LineID", line.Position.ToString(CultureInfo.InvariantCulture));
            End();
            Start("SpecifiedTradeProduct");
            Element("Name", line.Description);
            End();
            Start("SpecifiedLineTradeAgreement");
            Start("NetPriceProductTradePrice");
            Element("ChargeAmount", UnitPrice(line.UnitPrice));
            End();
            End();
            Start("SpecifiedLineTradeDelivery");
            Start("BilledQuantity");
            xml.WriteAttributeString("unitCode", line.UnitCode);
            xml.WriteString(Quantity(line.Quantity));
            End();
            End();
            Start("SpecifiedLineTradeSettlement");
            Start("ApplicableTradeTax");
            Element("TypeCode", "VAT");
            Element("CategoryCode", Category);
            Element("RateApplicablePercent", Rate(Seller.VatFranchise ? 0m : line.VatRate));
            End();
            Start("SpecifiedTradeSettlementLineMonetarySummation");
            Element("LineTotalAmount", Amount(line.Net));
            End();
            End();
            End();
        }

        private void Agreement()
        {
            Start("ApplicableHeaderTradeAgreement");
            Party("SellerTradeParty", Seller.Party, business: false, seller: true);
            Party("BuyerTradeParty", model.Buyer, business: string.Equals(Treatment(model.Buyer), "B2B", StringComparison.Ordinal), seller: false);
            End();
        }

        private void Party(string name, PartySnapshot party, bool business, bool seller)
        {
            Start(name);
            if (party.Siret is { } siret)
            {
                Start("GlobalID");
                xml.WriteAttributeString("schemeID", "0009");
                xml.WriteString(siret);
                End();
            }

            Element("Name", party.Name);
            if (party.Siren is { } siren)
            {
                Start("SpecifiedLegalOrganization");
                Start("ID");
                xml.WriteAttributeString("schemeID", "0002");
                xml.WriteString(siren);
                End();
                End();
            }

            Start("PostalTradeAddress");
            // A guest's address may be its country alone (BG-8 needs only BT-55).
            Optional("PostcodeCode", party.Address.PostalCode);
            Optional("LineOne", party.Address.Line1);
            Optional("LineTwo", party.Address.Line2);
            Optional("CityName", party.Address.City);
            Element("CountryID", party.Address.Country.ToUpperInvariant());
            End();

            if (ElectronicAddress(party, business) is { } address)
            {
                Start("URIUniversalCommunication");
                Start("URIID");
                xml.WriteAttributeString("schemeID", address.Scheme);
                xml.WriteString(address.Address);
                End();
                End();
            }

            if (party.VatNumber is { } vat)
            {
                TaxRegistration("VA", vat);
            }
            else if (seller && Seller.VatFranchise && party.Siren is { } taxId)
            {
                // BR-E-02: an exempt invoice names the seller's VAT number or its tax registration; a seller under the
                // franchise often has no VAT number, its SIREN is its tax identifier.
                TaxRegistration("FC", taxId);
            }

            End();
        }

        private void TaxRegistration(string scheme, string id)
        {
            Start("SpecifiedTaxRegistration");
            Start("ID");
            xml.WriteAttributeString("schemeID", scheme);
            xml.WriteString(id);
            End();
            End();
        }

        /// <summary>
        /// BT-72: the day the service was rendered — the end of its period, or else the issue date (French law asks for
        /// the service date only when it differs from the issue date); a credit note keeps the credited invoice's.
        /// </summary>
        private void Delivery()
        {
            var delivered = model.ServiceTo
                ?? (model.Kind == DocumentKind.CreditNote ? model.PrecedingInvoiceIssueDate : null)
                ?? model.IssueDate;
            Start("ApplicableHeaderTradeDelivery");
            Start("ActualDeliverySupplyChainEvent");
            Start("OccurrenceDateTime");
            DateTime("udt", delivered);
            End();
            End();
            End();
        }

        private void Settlement()
        {
            Start("ApplicableHeaderTradeSettlement");
            var transfer = model.Kind == DocumentKind.Invoice && Seller.Iban is { Length: > 0 };
            if (transfer)
            {
                Element("PaymentReference", model.Number);
            }

            Element("InvoiceCurrencyCode", model.Currency);
            if (transfer)
            {
                Start("SpecifiedTradeSettlementPaymentMeans");
                Element("TypeCode", "58");
                Start("PayeePartyCreditorFinancialAccount");
                Element("IBANID", Seller.Iban!.Replace(" ", string.Empty, StringComparison.Ordinal));
                End();
                if (Seller.Bic is { Length: > 0 } bic)
                {
                    Start("PayeeSpecifiedCreditorFinancialInstitution");
                    Element("BICID", bic);
                    End();
                }

                End();
            }

            foreach (var vat in model.Vat)
            {
                Tax(vat);
            }

            if (model.ServiceFrom is not null || model.ServiceTo is not null)
            {
                Start("BillingSpecifiedPeriod");
                if (model.ServiceFrom is { } from)
                {
                    Start("StartDateTime");
                    DateTime("udt", from);
                    End();
                }

                if (model.ServiceTo is { } to)
                {
                    Start("EndDateTime");
                    DateTime("udt", to);
                    End();
                }

                End();
            }

            Start("SpecifiedTradePaymentTerms");
            Element("Description", mentions.PaymentTermsText);
            Start("DueDateDateTime");
            DateTime("udt", model.DueDate);
            End();
            End();

            Start("SpecifiedTradeSettlementHeaderMonetarySummation");
            Element("LineTotalAmount", Amount(model.Net));
            Element("TaxBasisTotalAmount", Amount(model.Net));
            Start("TaxTotalAmount");
            xml.WriteAttributeString("currencyID", model.Currency);
            xml.WriteString(Amount(model.VatTotal));
            End();
            Element("GrandTotalAmount", Amount(model.Gross));
            Element("DuePayableAmount", Amount(model.Gross));
            End();

            if (model.Kind == DocumentKind.CreditNote && model.PrecedingInvoiceNumber is { } preceding)
            {
                Start("InvoiceReferencedDocument");
                Element("IssuerAssignedID", preceding);
                if (model.PrecedingInvoiceIssueDate is { } precedingDate)
                {
                    Start("FormattedIssueDateTime");
                    DateTime("qdt", precedingDate);
                    End();
                }

                End();
            }

            End();
        }

        private void Tax(VatBreakdown vat)
        {
            Start("ApplicableTradeTax");
            Element("CalculatedAmount", Amount(vat.Amount));
            Element("TypeCode", "VAT");
            if (Seller.VatFranchise)
            {
                Element("ExemptionReason", LegalMentions.VatFranchiseFr);
            }

            Element("BasisAmount", Amount(vat.Base));
            Element("CategoryCode", Category);
            if (Seller.VatFranchise)
            {
                Element("ExemptionReasonCode", "VATEX-FR-FRANCHISE");
            }
            else
            {
                // BT-8: VAT is due when the invoice is issued under the option for debits (5), else when paid (72),
                // the rule for services.
                Element("DueDateTypeCode", Seller.VatOnDebits ? "5" : "72");
            }

            Element("RateApplicablePercent", Rate(Seller.VatFranchise ? 0m : vat.Rate));
            End();
        }

        private void Note(string content, string? subject)
        {
            Start("IncludedNote");
            Element("Content", content);
            if (subject is not null)
            {
                Element("SubjectCode", subject);
            }

            End();
        }

        private void DateTime(string prefix, DateOnly date)
        {
            xml.WriteStartElement(prefix, "DateTimeString", prefix == "udt" ? Udt : Qdt);
            xml.WriteAttributeString("format", "102");
            xml.WriteString(Date(date));
            xml.WriteEndElement();
        }

        private void Start(string name) => xml.WriteStartElement("ram", name, Ram);

        private void End() => xml.WriteEndElement();

        private void Element(string name, string value) => xml.WriteElementString("ram", name, Ram, value);

        private void Optional(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Element(name, value);
            }
        }
    }
}
