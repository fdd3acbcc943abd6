using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Operators.Billing.Documents;
using Operators.Billing.Documents.Pdf;
using Operators.Billing.Invoices;
using UglyToad.PdfPig;

namespace Operators.Billing.Tests.Documents;

/// <summary>
/// Every case of <see cref="DocumentCases"/> rendered once; the official validation (EN 16931 and the French rules)
/// and qpdf run on all of them side by side (a JVM start is about 5 s each), then each case checks its own results
/// and reads its PDF back: the embedded XML is the one returned, and the text holds every mandatory mention.
/// </summary>
[TestFixture]
public sealed partial class FacturXRendererTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private readonly Dictionary<string, Rendered> rendered = [];
    private string directory = null!;

    [OneTimeSetUp]
    public async Task RenderAndValidateAll()
    {
        FacturXKit.RequireTools();
        directory = Directory.CreateTempSubdirectory("facturx-").FullName;
        var renderer = new FacturXRenderer();
        var checks = DocumentCases.All().Select(async data =>
        {
            var model = (InvoiceDocumentModel)data.Arguments[0]!;
            var document = renderer.Render(model);
            var file = Path.Combine(directory, model.Number + ".pdf");
            await File.WriteAllBytesAsync(file, document.Pdf);
            var validation = FacturXKit.Validate(file);
            var qpdf = FacturXKit.QpdfCheck(file);
            return new Rendered(model, document, await validation, await qpdf);
        });
        foreach (var result in await Task.WhenAll(checks))
        {
            rendered[result.Model.Number] = result;
        }
    }

    [OneTimeTearDown]
    public void RemoveFiles()
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCaseSource(typeof(DocumentCases), nameof(DocumentCases.All))]
    public void The_embedded_xml_passes_the_EN16931_and_French_rules(InvoiceDocumentModel model)
    {
        var validation = rendered[model.Number].Validation;
        Assert.That(validation.ExitCode, Is.Zero, validation.Output);
        Assert.That(validation.Output, Does.Contain("valid"));
    }

    [TestCaseSource(typeof(DocumentCases), nameof(DocumentCases.All))]
    public void Qpdf_finds_no_error(InvoiceDocumentModel model)
    {
        var qpdf = rendered[model.Number].Qpdf;
        Assert.That(qpdf.ExitCode, Is.Zero, qpdf.Output);
        Assert.That(qpdf.Output, Does.Contain("No syntax or stream encoding errors found"));
    }

    [TestCaseSource(typeof(DocumentCases), nameof(DocumentCases.All))]
    public void The_pdf_embeds_exactly_the_xml_returned(InvoiceDocumentModel model)
    {
        var document = rendered[model.Number].Document;
        using var pdf = PdfDocument.Open(document.Pdf);
        Assert.That(pdf.Advanced.TryGetEmbeddedFiles(out var files), Is.True);
        var facturX = files!.Single(f => f.Name == "factur-x.xml");
        Assert.That(Encoding.UTF8.GetString(facturX.Bytes.ToArray()), Is.EqualTo(document.Xml));
    }

    [TestCaseSource(typeof(DocumentCases), nameof(DocumentCases.All))]
    public void The_pdf_text_holds_every_mandatory_mention(InvoiceDocumentModel model)
    {
        var text = Text(rendered[model.Number].Document.Pdf);
        var fr = !string.Equals(model.Language, "en", StringComparison.Ordinal);
        var seller = model.Seller.Party;

        var expected = new List<string>
        {
            (model.Kind, fr) switch
            {
                (DocumentKind.Invoice, true) => "Facture",
                (DocumentKind.CreditNote, true) => "Avoir",
                (DocumentKind.Invoice, false) => "Invoice",
                _ => "Credit note",
            },
            model.Number,
            seller.Name,
            seller.Address.Line1,
            $"SIREN {seller.Siren}",
            $"SIRET {seller.Siret}",
            model.Buyer.Name,
            model.Buyer.Address.Line1,
            Date(model.IssueDate, fr),
            Date(model.DueDate, fr),
            Amount(model.Net, fr),
            Amount(model.VatTotal, fr),
            Amount(model.Gross, fr),
            fr ? $"taux annuel de {Rate(model.Seller.LatePenaltyRate, fr)}" : $"{Rate(model.Seller.LatePenaltyRate, fr)} a year",
            fr ? "Pas d'escompte pour paiement anticipé" : "No discount for early payment",
            fr ? "prestations de services" : "Nature of the operation: services",
        };
        expected.AddRange(model.Lines.Select(l => Words(l.Description)));
        expected.AddRange(model.Lines.Select(l => Amount(l.Net, fr)));
        if (seller.LegalForm is { } legalForm)
        {
            expected.Add(legalForm);
        }

        if (seller.ShareCapital is { } capital)
        {
            expected.Add(Amount(capital, fr));
        }

        if (seller.Rcs is { } rcs)
        {
            expected.Add(rcs);
        }

        if (model.Seller.VatFranchise)
        {
            expected.Add("TVA non applicable, art. 293 B du CGI");
        }
        else
        {
            expected.Add(seller.VatNumber!);
            expected.AddRange(model.Vat.Select(v => Amount(v.Amount, fr)));
            expected.AddRange(model.Vat.Select(v => Rate(v.Rate, fr)));
        }

        if (model.Seller.VatOnDebits)
        {
            expected.Add("Option pour le paiement de la taxe d'après les débits");
        }

        if (model.Buyer.IsBusiness)
        {
            expected.Add(fr ? "40,00 €" : "€40.00");
        }

        if (model.Buyer.IsBusiness && model.Buyer.Siren is { } buyerSiren)
        {
            expected.Add($"SIREN du client : {buyerSiren}");
        }

        if (model.Buyer.VatNumber is { } buyerVat)
        {
            expected.Add(buyerVat);
        }

        if (model.ServiceFrom is { } from && model.ServiceTo is { } to)
        {
            expected.Add(Date(from, fr));
            expected.Add(Date(to, fr));
        }

        if (model.Kind == DocumentKind.CreditNote)
        {
            expected.Add($"Avoir sur la facture {model.PrecedingInvoiceNumber} du {Date(model.PrecedingInvoiceIssueDate!.Value, fr)}");
        }

        Assert.Multiple(() =>
        {
            foreach (var mention in expected)
            {
                Assert.That(text, Does.Contain(Words(mention)), $"missing \"{mention}\"");
            }
        });
    }

    [Test]
    public void Many_lines_run_over_several_pages_each_with_the_column_headings()
    {
        var document = rendered[DocumentCases.ManyLines().Number].Document;
        using var pdf = PdfDocument.Open(document.Pdf);
        Assert.That(pdf.NumberOfPages, Is.GreaterThan(1));
        foreach (var page in pdf.GetPages())
        {
            var text = Words(string.Join(' ', page.GetWords().Select(w => w.Text)));
            Assert.That(text, Does.Contain($"Page {page.Number}/{pdf.NumberOfPages}"));
            if (page.Number < pdf.NumberOfPages)
            {
                Assert.That(text, Does.Contain("Désignation"), $"page {page.Number} has no table headings");
            }
        }
    }

    [Test]
    public void A_note_taller_than_a_page_runs_on_over_the_next_pages_and_never_off_the_page_nor_under_the_footer()
    {
        var model = DocumentCases.B2cStandard() with { Note = string.Join('\n', Enumerable.Range(1, 150).Select(i => $"Note {i}")) };
        using var pdf = PdfDocument.Open(new FacturXRenderer().Render(model).Pdf);
        var notes = pdf.GetPages().SelectMany(p => p.GetWords().Where(w => w.Text == "Note").Select(w => (Page: p, Word: w))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pdf.NumberOfPages, Is.GreaterThan(2));
            Assert.That(notes, Has.Count.EqualTo(150), "every line of the note is there");
            foreach (var (page, word) in notes)
            {
                // Above the footer's band at the bottom (the page margin and the footer), inside the page.
                Assert.That(word.BoundingBox.Bottom, Is.GreaterThan(PageFlow.Margin + LegalFooterPart.Height - 1), $"page {page.Number}");
                Assert.That(word.BoundingBox.Top, Is.LessThan(page.Height));
            }
        });
    }

    [Test]
    public void An_invoice_with_an_iban_shows_how_to_pay_and_a_credit_note_does_not()
    {
        var invoice = Text(rendered[DocumentCases.B2cStandard().Number].Document.Pdf);
        var credit = Text(rendered[DocumentCases.FullCreditNote().Number].Document.Pdf);
        Assert.Multiple(() =>
        {
            Assert.That(invoice, Does.Contain("IBAN : FR76 3000 6000 0112 3456 7890 189"));
            Assert.That(invoice, Does.Contain("BIC : AGRIFRPP"));
            Assert.That(invoice, Does.Contain("QR code virement SEPA"));
            Assert.That(credit, Does.Not.Contain("IBAN"));
        });
    }

    [Test]
    public void Documents_rendered_side_by_side_are_the_ones_rendered_one_at_a_time()
    {
        // The renderer is a singleton that concurrent issues share: fonts and paints are shared, fonts per rendering.
        var renderer = new FacturXRenderer();
        var models = rendered.Values.Select(r => r.Model).ToList();
        var documents = new RenderedDocument[models.Count * 4];
        Parallel.For(0, documents.Length, i => documents[i] = renderer.Render(models[i % models.Count]));
        for (var i = 0; i < documents.Length; i++)
        {
            var alone = rendered[models[i % models.Count].Number].Document;
            Assert.That(documents[i].Pdf, Is.EqualTo(alone.Pdf), models[i % models.Count].Number);
            Assert.That(documents[i].Xml, Is.EqualTo(alone.Xml));
        }
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Words(string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
    }

    /// <summary>Spaces of any kind (no-break ones included) and line breaks count as one space.</summary>
    private static string Words(string text) => Whitespace().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ").Trim();

    private static string Amount(decimal amount, bool fr) => fr
        ? amount.ToString("N2", French).Replace('\u202F', ' ') + " €"
        : "€" + amount.ToString("N2", English);

    private static string Rate(decimal rate, bool fr) => fr ? rate.ToString("0.##", French) + " %" : rate.ToString("0.##", English) + "%";

    private static string Date(DateOnly date, bool fr) =>
        date.ToString(fr ? "dd/MM/yyyy" : "d MMMM yyyy", fr ? French : English);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record Rendered(InvoiceDocumentModel Model, RenderedDocument Document, ProcessResult Validation, ProcessResult Qpdf);
}
