using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// The lines table: description, quantity, unit price excluding VAT, VAT rate, line total. Long descriptions wrap;
/// a row never splits across pages, and each page the table continues on repeats the column headings.
/// </summary>
internal sealed class LinesPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    private const float CellPadding = 4f;
    private static readonly float[] NumericWidths = [52f, 74f, 44f, 78f];

    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        var descriptionWidth = PageFlow.ContentWidth - NumericWidths.Sum();
        var headings = new[] { mentions.Description, mentions.QuantityLabel, mentions.UnitPriceLabel, mentions.VatRateLabel, mentions.LineNetLabel };
        var headingLines = headings.Select((h, i) => s.BodyBold.Wrap(h, Width(i, descriptionWidth) - 2 * CellPadding)).ToList();
        var headingHeight = headingLines.Max(l => l.Count) * s.BodyBold.LineHeight + 2 * CellPadding;

        var rows = model.Lines.Select(line =>
        {
            var description = s.Body.Wrap(line.Description, descriptionWidth - 2 * CellPadding);
            var cells = new[]
            {
                mentions.Quantity(line.Quantity),
                mentions.UnitPrice(line.UnitPrice),
                model.Seller.VatFranchise ? "—" : mentions.Rate(line.VatRate),
                mentions.Money(line.Net),
            };
            return (Description: description, Cells: cells, Height: description.Count * s.Body.LineHeight + 2 * CellPadding);
        }).ToList();

        var needsHeadings = true;
        foreach (var row in rows)
        {
            if (!needsHeadings && row.Height > flow.Remaining)
            {
                flow.NewPage();
                needsHeadings = true;
            }

            if (needsHeadings)
            {
                // The headings never end a page alone: they go with the first row under them.
                if (headingHeight + row.Height > flow.Remaining && !flow.AtPageTop)
                {
                    flow.NewPage();
                }

                flow.Place(headingHeight, (canvas, top) => Headings(canvas, s, headingLines, descriptionWidth, top, headingHeight));
                needsHeadings = false;
            }

            flow.Place(row.Height, (canvas, top) =>
            {
                s.Body.DrawLines(canvas, row.Description, PageFlow.Left + CellPadding, top + CellPadding);
                var right = PageFlow.Left + descriptionWidth;
                for (var i = 0; i < row.Cells.Length; i++)
                {
                    right += NumericWidths[i];
                    s.Body.Draw(canvas, row.Cells[i], right - CellPadding, top + CellPadding, SKTextAlign.Right);
                }

                canvas.DrawLine(PageFlow.Left, top + row.Height, PageFlow.Right, top + row.Height, Ink.Rule);
            });
        }

        flow.Gap(14f);
    }

    private static float Width(int column, float descriptionWidth) => column == 0 ? descriptionWidth : NumericWidths[column - 1];

    private static void Headings(SKCanvas canvas, DocumentStyles s, List<IReadOnlyList<string>> lines, float descriptionWidth, float top, float height)
    {
        canvas.DrawRect(PageFlow.Left, top, PageFlow.ContentWidth, height, Ink.Fill);
        s.BodyBold.DrawLines(canvas, lines[0], PageFlow.Left + CellPadding, top + CellPadding);
        var right = PageFlow.Left + descriptionWidth;
        for (var i = 1; i < lines.Count; i++)
        {
            right += NumericWidths[i - 1];
            s.BodyBold.DrawLines(canvas, lines[i], right - CellPadding, top + CellPadding, SKTextAlign.Right);
        }
    }
}
