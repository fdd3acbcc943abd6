namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// The legal mentions, in the words the Factur-X notes carry: VAT regime, terms and due date, no early-payment
/// discount, late-payment penalties, the 40 € indemnity, the nature of the operation, the customer's SIREN.
/// </summary>
internal sealed class MentionsPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        string?[] texts =
        [
            model.Seller.VatFranchise ? null : mentions.VatRegime,
            PaymentPart.Applies(model) ? null : $"{mentions.PaymentTerms}. {mentions.DueDate}.",
            mentions.NoEarlyPaymentDiscount + ".",
            mentions.LatePenalty + ".",
            mentions.RecoveryIndemnityMention + ".",
            mentions.NatureOfOperation + ".",
            mentions.CustomerSiren,
            model.Note,
        ];
        var lines = texts.OfType<string>().SelectMany(t => s.Small.Wrap(t, PageFlow.ContentWidth)).ToList();
        if (lines.Count * s.Small.LineHeight <= flow.Bottom - flow.Top)
        {
            // Kept together, on the next page if need be.
            flow.Place(lines.Count * s.Small.LineHeight, (canvas, top) => s.Small.DrawLines(canvas, lines, PageFlow.Left, top, paint: Ink.Muted));
            return;
        }

        // Taller than a page (a long note of many lines): line by line, over as many pages as it takes.
        foreach (var line in lines)
        {
            flow.Place(s.Small.LineHeight, (canvas, top) => s.Small.DrawLines(canvas, [line], PageFlow.Left, top, paint: Ink.Muted));
        }
    }
}
