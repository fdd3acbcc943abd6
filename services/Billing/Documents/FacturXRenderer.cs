using System.Security.Cryptography;
using Operators.Billing.Documents.Pdf;

namespace Operators.Billing.Documents;

/// <summary>
/// Renders an issued document as its legal original: the Factur-X XML (EN 16931 with the French rules), the PDF
/// drawn from the same model and the same mentions, then made PDF/A-3 with the XML embedded as factur-x.xml.
/// </summary>
public sealed class FacturXRenderer : IInvoiceDocumentRenderer
{
    public const string ConformanceLevel = "EN 16931";

    public RenderedDocument Render(InvoiceDocumentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var mentions = new LegalMentions(model);
        var xml = FacturXml.WriteBytes(model, mentions);
        var info = InvoicePdf.Info(model, mentions);
        var pdf = InvoicePdf.Render(model, mentions, info);
        return new RenderedDocument(
            PdfA3Attachment.Attach(pdf, xml, FacturXml.FileName, ConformanceLevel, info, SHA256.HashData(xml).AsSpan(0, 16)),
            System.Text.Encoding.UTF8.GetString(xml));
    }
}
