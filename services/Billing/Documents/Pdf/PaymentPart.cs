using System.Globalization;
using Operators.Billing.Invoices;
using QRCoder;
using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// How to pay an invoice by transfer: IBAN, BIC, the reference to give, the terms and due date, and an EPC
/// "SEPA credit transfer" QR code a banking app reads (drawn as vector squares, no image). Only for an invoice with
/// an IBAN and an amount due; a credit note is not paid by its customer.
/// </summary>
internal sealed class PaymentPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    private const float QrSize = 92f;

    public static bool Applies(InvoiceDocumentModel model) =>
        model.Kind == DocumentKind.Invoice && model.Seller.Iban is { Length: > 0 } && model.Gross > 0m;

    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        var iban = model.Seller.Iban!;
        var textWidth = PageFlow.ContentWidth - QrSize - 24f;
        var lines = new List<string> { mentions.Labelled("IBAN", Group(iban)) };
        if (model.Seller.Bic is { Length: > 0 } bic)
        {
            lines.Add(mentions.Labelled("BIC", bic));
        }

        lines.Add(mentions.PaymentReference);
        lines.Add(mentions.PaymentTerms);
        lines.Add(mentions.DueDate);
        var wrapped = lines.SelectMany(l => s.Body.Wrap(l, textWidth)).ToList();
        var modules = Modules(EpcPayload(model));
        var height = Math.Max(s.Heading.LineHeight + 4f + wrapped.Count * s.Body.LineHeight, QrSize + s.Small.LineHeight + 2f);

        flow.Place(height, (canvas, top) =>
        {
            s.Heading.Draw(canvas, mentions.PaymentDetailsLabel, PageFlow.Left, top);
            s.Body.DrawLines(canvas, wrapped, PageFlow.Left, top + s.Heading.LineHeight + 4f);
            var left = PageFlow.Right - QrSize;
            DrawQr(canvas, modules, left, top);
            s.Small.Draw(canvas, mentions.QrCodeCaption, left + QrSize / 2f, top + QrSize + 2f, SKTextAlign.Center, Ink.Muted);
        });
        flow.Gap(14f);
    }

    /// <summary>
    /// The EPC069-12 payload, version 002 (BIC optional), UTF-8: service tag, version, character set, SCT, BIC, name,
    /// IBAN, amount, purpose, structured reference, then the invoice number as unstructured remittance text.
    /// </summary>
    public static string EpcPayload(InvoiceDocumentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Seller.Party.Name.Length > 70 ? model.Seller.Party.Name[..70] : model.Seller.Party.Name;
        var iban = model.Seller.Iban!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var amount = model.Gross.ToString("0.00", CultureInfo.InvariantCulture);
        return string.Join('\n', "BCD", "002", "1", "SCT", model.Seller.Bic ?? string.Empty, name, iban, $"EUR{amount}", string.Empty, string.Empty, model.Number);
    }

    private static bool[][] Modules(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    private static void DrawQr(SKCanvas canvas, bool[][] modules, float left, float top)
    {
        var module = QrSize / modules.Length;
        for (var y = 0; y < modules.Length; y++)
        {
            var row = modules[y];
            var x = 0;
            while (x < row.Length)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < row.Length && row[x])
                {
                    x++;
                }

                canvas.DrawRect(left + start * module, top + y * module, (x - start) * module, module, Ink.Black);
            }
        }
    }

    private static string Group(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - i * 4))));
    }
}
