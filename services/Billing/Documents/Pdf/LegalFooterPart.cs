using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>At the foot of every page: the seller's legal identity (form, capital, SIREN, SIRET, RCS, VAT number) and the page number.</summary>
internal sealed class LegalFooterPart(InvoiceDocumentModel model, LegalMentions mentions)
{
    public const float Height = 30f;

    public void Draw(SKCanvas canvas, DocumentStyles s, int page, int pages)
    {
        var seller = model.Seller.Party;
        var identity = string.Join(" – ", new[]
        {
            seller.Name,
            mentions.SellerLegalForm,
            LegalMentions.PartyRegistration(seller) is { Length: > 0 } registration ? registration : null,
            seller.Rcs,
            mentions.VatNumber(seller),
        }.OfType<string>());
        var top = PageFlow.PageHeight - PageFlow.Margin - Height + 8f;
        canvas.DrawLine(PageFlow.Left, top - 4f, PageFlow.Right, top - 4f, Ink.Rule);
        var lines = s.Small.Wrap(identity, PageFlow.ContentWidth - 60f);
        s.Small.DrawLines(canvas, lines.Take(2).ToList(), PageFlow.Left, top, paint: Ink.Muted);
        s.Small.Draw(canvas, mentions.Page(page, pages), PageFlow.Right, top, SKTextAlign.Right, Ink.Muted);
    }
}
