using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>Two boxes: the seller's legal identity, and the customer with its address, SIREN and VAT number.</summary>
internal sealed class PartiesPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    private const float Padding = 8f;
    private const float Between = 16f;

    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        var boxWidth = (PageFlow.ContentWidth - Between) / 2f;
        var textWidth = boxWidth - 2 * Padding;
        var seller = model.Seller.Party;
        var buyer = model.Buyer;

        var sellerLines = Lines(s, textWidth, seller.Name, [
            mentions.SellerLegalForm,
            Blank(LegalMentions.PartyRegistration(seller)),
            seller.Rcs,
            mentions.VatNumber(seller),
            seller.Email,
        ]);
        var buyerLines = Lines(s, textWidth, buyer.Name, [
            .. HeaderPart.AddressLines(buyer),
            mentions.CustomerSiren,
            buyer.IsBusiness && buyer.Siret is { } siret ? $"SIRET {siret}" : null,
            mentions.VatNumber(buyer),
            buyer.Email,
        ]);

        var labelHeight = s.Small.LineHeight + 2f;
        var height = labelHeight + Math.Max(sellerLines.Height, buyerLines.Height) + 2 * Padding;
        flow.Place(height, (canvas, top) =>
        {
            Box(canvas, s, PageFlow.Left, top, boxWidth, height, mentions.SellerLabel, sellerLines);
            Box(canvas, s, PageFlow.Left + boxWidth + Between, top, boxWidth, height, mentions.CustomerLabel, buyerLines);
        });
        flow.Gap(16f);

        void Box(SKCanvas canvas, DocumentStyles styles, float x, float top, float width, float boxHeight, string label, Block block)
        {
            canvas.DrawRect(x, top, width, boxHeight, Ink.Rule);
            styles.Small.Draw(canvas, label.ToUpperInvariant(), x + Padding, top + Padding, paint: Ink.Muted);
            var y = top + Padding + labelHeight;
            styles.BodyBold.DrawLines(canvas, block.Name, x + Padding, y);
            styles.Body.DrawLines(canvas, block.Details, x + Padding, y + block.Name.Count * styles.BodyBold.LineHeight);
        }
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    private static Block Lines(DocumentStyles s, float width, string name, IEnumerable<string?> details)
    {
        var nameLines = s.BodyBold.Wrap(name, width);
        var detailLines = details.OfType<string>().SelectMany(d => s.Body.Wrap(d, width)).ToList();
        return new Block(nameLines, detailLines, nameLines.Count * s.BodyBold.LineHeight + detailLines.Count * s.Body.LineHeight);
    }

    private sealed record Block(IReadOnlyList<string> Name, IReadOnlyList<string> Details, float Height);
}
