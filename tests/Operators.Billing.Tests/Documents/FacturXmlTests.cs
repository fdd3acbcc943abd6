using System.Globalization;
using System.Xml.Linq;
using Operators.Billing.Documents;

namespace Operators.Billing.Tests.Documents;

/// <summary>The choices the French rules leave to us, checked in the XML itself (validate.sh checks the rest).</summary>
public sealed class FacturXmlTests
{
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    private static XDocument Xml(InvoiceDocumentModel model) => XDocument.Parse(FacturXml.Write(model, new LegalMentions(model)));

    private static string Note(XDocument xml, string subject) =>
        xml.Descendants(Ram + "IncludedNote").Single(n => (string?)n.Element(Ram + "SubjectCode") == subject).Element(Ram + "Content")!.Value;

    [Test]
    public void A_business_in_France_is_B2B_with_its_SIREN_as_electronic_address_a_person_is_B2C_with_the_email()
    {
        var b2b = Xml(DocumentCases.B2bWithSiren());
        var b2c = Xml(DocumentCases.B2cStandard());
        Assert.Multiple(() =>
        {
            Assert.That(Note(b2b, "BAR"), Is.EqualTo("B2B"));
            var b2bAddress = b2b.Descendants(Ram + "BuyerTradeParty").Single().Descendants(Ram + "URIID").Single();
            Assert.That((string?)b2bAddress.Attribute("schemeID"), Is.EqualTo("0225"));
            Assert.That(b2bAddress.Value, Is.EqualTo("552100554"));
            Assert.That(Note(b2c, "BAR"), Is.EqualTo("B2C"));
            var b2cAddress = b2c.Descendants(Ram + "BuyerTradeParty").Single().Descendants(Ram + "URIID").Single();
            Assert.That((string?)b2cAddress.Attribute("schemeID"), Is.EqualTo("EM"));
            Assert.That(b2cAddress.Value, Is.EqualTo("elodie.martin@example.org"));
            Assert.That(Note(Xml(DocumentCases.English()), "BAR"), Is.EqualTo("B2BINT"));
        });
    }

    [Test]
    public void VAT_is_due_on_debits_when_opted_for_else_on_receipts()
    {
        Assert.That(Xml(DocumentCases.B2bWithSiren()).Descendants(Ram + "DueDateTypeCode").Select(e => e.Value), Is.All.EqualTo("5"));
        Assert.That(Xml(DocumentCases.B2cStandard()).Descendants(Ram + "DueDateTypeCode").Select(e => e.Value), Is.All.EqualTo("72"));
    }

    [Test]
    public void The_VAT_franchise_is_category_E_with_the_293_B_reason_and_its_VATEX_code()
    {
        var tax = Xml(DocumentCases.AssociationFranchise()).Descendants(Ram + "ApplicableHeaderTradeSettlement").Single().Elements(Ram + "ApplicableTradeTax").Single();
        Assert.Multiple(() =>
        {
            Assert.That(tax.Element(Ram + "CategoryCode")!.Value, Is.EqualTo("E"));
            Assert.That(tax.Element(Ram + "ExemptionReason")!.Value, Is.EqualTo("TVA non applicable, art. 293 B du CGI"));
            Assert.That(tax.Element(Ram + "ExemptionReasonCode")!.Value, Is.EqualTo("VATEX-FR-FRANCHISE"));
            Assert.That(tax.Element(Ram + "CalculatedAmount")!.Value, Is.EqualTo("0.00"));
        });
    }

    [Test]
    public void A_credit_note_is_type_381_and_references_the_invoice_with_its_date()
    {
        var xml = Xml(DocumentCases.PartialCreditNote());
        Assert.That(xml.Descendants(Ram + "TypeCode").First().Value, Is.EqualTo("381"));
        var reference = xml.Descendants(Ram + "InvoiceReferencedDocument").Single();
        Assert.That(reference.Element(Ram + "IssuerAssignedID")!.Value, Is.EqualTo("F-2026-00002"));
        Assert.That(reference.Descendants().Last().Value, Is.EqualTo("20261127"));
    }

    [Test]
    public void Amounts_have_two_decimals_and_a_point_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var xml = Xml(DocumentCases.ManyLines());
            Assert.That(xml.Descendants(Ram + "LineTotalAmount").Select(e => e.Value), Is.All.Match(@"^\d+\.\d{2}$"));
            Assert.That(xml.Descendants(Ram + "ChargeAmount").Select(e => e.Value), Has.Some.EqualTo("0.335"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
