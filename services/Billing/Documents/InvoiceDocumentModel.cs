using Operators.Billing.Invoices;

namespace Operators.Billing.Documents;

/// <summary>One line as printed and as written in the Factur-X (BG-25).</summary>
public sealed record DocumentLine(int Position, string Description, decimal Quantity, string UnitCode, decimal UnitPrice, decimal VatRate, decimal Net);

/// <summary>VAT of one rate (BG-23): the base is the sum of the lines' nets at that rate; the amount is rounded once, per rate.</summary>
public sealed record VatBreakdown(decimal Rate, decimal Base, decimal Amount);

/// <summary>
/// Everything an issued invoice or credit note shows, fully computed: the document (PDF and XML) computes nothing,
/// it lays out and encodes. Amounts of a credit note are positive (type code 381 says it is a credit).
/// </summary>
public sealed record InvoiceDocumentModel(
    DocumentKind Kind,
    string Number,
    DateOnly IssueDate,
    DateOnly DueDate,
    DateOnly? ServiceFrom,
    DateOnly? ServiceTo,
    string Currency,
    string Language,
    SellerSnapshot Seller,
    PartySnapshot Buyer,
    IReadOnlyList<DocumentLine> Lines,
    IReadOnlyList<VatBreakdown> Vat,
    decimal Net,
    decimal VatTotal,
    decimal Gross,
    string? Note,
    string? PrecedingInvoiceNumber,
    DateOnly? PrecedingInvoiceIssueDate);

/// <summary>The legal original of a document: the PDF/A-3 bytes and the Factur-X XML embedded in them.</summary>
public sealed record RenderedDocument(byte[] Pdf, string Xml);

/// <summary>Renders an issued document once, at issue; what it returns is stored and served, never rendered again.</summary>
public interface IInvoiceDocumentRenderer
{
    RenderedDocument Render(InvoiceDocumentModel model);
}
