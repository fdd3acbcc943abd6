using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// VAT per rate (base and amount, as the Factur-X breakdown has them) on the left, the totals on the right; under
/// the VAT franchise the 293 B mention stands where the breakdown would.
/// </summary>
internal sealed class TotalsPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    private const float Padding = 4f;
    private const float VatWidth = 250f;
    private const float TotalsWidth = 220f;

    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        var franchise = model.Seller.VatFranchise;
        var franchiseLines = franchise ? s.BodyBold.Wrap(mentions.VatRegime ?? LegalMentions.VatFranchiseFr, VatWidth) : [];
        var rowHeight = s.Body.LineHeight + 2 * Padding;
        var vatHeight = franchise
            ? franchiseLines.Count * s.BodyBold.LineHeight
            : (model.Vat.Count + 1) * rowHeight;
        var totals = new (string Label, string Value, bool Strong)[]
        {
            (mentions.NetTotalLabel, mentions.Money(model.Net), false),
            (mentions.VatTotalLabel, mentions.Money(model.VatTotal), false),
            (mentions.GrossTotalLabel, mentions.Money(model.Gross), false),
            (mentions.AmountDueLabel, mentions.Money(model.Gross), true),
        };
        var totalsHeight = (totals.Length - 1) * rowHeight + s.Total.LineHeight + 2 * Padding + 2f;

        flow.Place(Math.Max(vatHeight, totalsHeight), (canvas, top) =>
        {
            if (franchise)
            {
                s.BodyBold.DrawLines(canvas, franchiseLines, PageFlow.Left, top + Padding);
            }
            else
            {
                Breakdown(canvas, s, top, rowHeight);
            }

            var left = PageFlow.Right - TotalsWidth;
            var y = top;
            foreach (var (label, value, strong) in totals)
            {
                var style = strong ? s.Total : s.Body;
                var height = strong ? s.Total.LineHeight + 2 * Padding + 2f : rowHeight;
                if (strong)
                {
                    canvas.DrawRect(left, y, TotalsWidth, height, Ink.Fill);
                }

                style.Draw(canvas, label, left + Padding, y + Padding + (strong ? 1f : 0f));
                style.Draw(canvas, value, PageFlow.Right - Padding, y + Padding + (strong ? 1f : 0f), SKTextAlign.Right);
                y += height;
                if (!strong)
                {
                    canvas.DrawLine(left, y, PageFlow.Right, y, Ink.Rule);
                }
            }
        });
        flow.Gap(16f);
    }

    private void Breakdown(SKCanvas canvas, DocumentStyles s, float top, float rowHeight)
    {
        float[] rights = [PageFlow.Left + 70f, PageFlow.Left + 160f, PageFlow.Left + VatWidth];
        canvas.DrawRect(PageFlow.Left, top, VatWidth, rowHeight, Ink.Fill);
        s.BodyBold.Draw(canvas, mentions.VatRateLabel, PageFlow.Left + Padding, top + Padding);
        s.BodyBold.Draw(canvas, mentions.VatBaseLabel, rights[1] - Padding, top + Padding, SKTextAlign.Right);
        s.BodyBold.Draw(canvas, mentions.VatAmountLabel, rights[2] - Padding, top + Padding, SKTextAlign.Right);
        var y = top + rowHeight;
        foreach (var vat in model.Vat)
        {
            s.Body.Draw(canvas, mentions.Rate(vat.Rate), PageFlow.Left + Padding, y + Padding);
            s.Body.Draw(canvas, mentions.Money(vat.Base), rights[1] - Padding, y + Padding, SKTextAlign.Right);
            s.Body.Draw(canvas, mentions.Money(vat.Amount), rights[2] - Padding, y + Padding, SKTextAlign.Right);
            y += rowHeight;
            canvas.DrawLine(PageFlow.Left, y, PageFlow.Left + VatWidth, y, Ink.Rule);
        }
    }
}
