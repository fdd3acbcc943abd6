using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// The printed document, composed of parts — header, parties, lines, VAT and totals, payment details, legal
/// mentions, and the legal footer on every page — laid out first, then drawn by Skia's PDF backend as PDF/A-2b.
/// Dates in the PDF are the issue date, not the clock, so the same model always gives the same bytes.
/// </summary>
internal static class InvoicePdf
{
    public const string Producer = "Operators billing (Skia PDF)";

    public static PdfInfo Info(InvoiceDocumentModel model, LegalMentions mentions) => new(
        $"{mentions.Title} {model.Number}",
        model.Seller.Party.Name,
        "Operators",
        Producer,
        model.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public static byte[] Render(InvoiceDocumentModel model, LegalMentions mentions, PdfInfo info)
    {
        using var styles = new DocumentStyles();
        var flow = new PageFlow(styles);
        var parts = new List<IDocumentPart>
        {
            new HeaderPart(model, mentions),
            new PartiesPart(model, mentions),
            new LinesPart(model, mentions),
            new TotalsPart(model, mentions),
        };
        if (PaymentPart.Applies(model))
        {
            parts.Add(new PaymentPart(model, mentions));
        }

        parts.Add(new MentionsPart(model, mentions));
        foreach (var part in parts)
        {
            part.Compose(flow);
        }

        var footer = new LegalFooterPart(model, mentions);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Creator = info.Creator,
            Producer = info.Producer,
            Creation = info.Created,
            Modified = info.Created,
            PdfA = true,
            RasterDpi = 300,
        };

        // Skia writes into its own memory stream, copied out once: a managed stream would be called back for every
        // small write of the document.
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < flow.PageCount; i++)
            {
                var canvas = document.BeginPage(PageFlow.PageWidth, PageFlow.PageHeight);
                foreach (var (top, draw) in flow.Pages[i])
                {
                    draw(canvas, top);
                }

                footer.Draw(canvas, styles, i + 1, flow.PageCount);
                document.EndPage();
            }

            document.Close();
        }

        using var data = stream.DetachAsData();
        return data.ToArray();
    }
}
