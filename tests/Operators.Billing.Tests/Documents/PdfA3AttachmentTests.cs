using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Operators.Billing.Documents;
using Operators.Billing.Documents.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Operators.Billing.Tests.Documents;

/// <summary>The PDF/A-3 post-process: an incremental update of Skia's PDF/A-2b that attaches factur-x.xml.</summary>
public sealed class PdfA3AttachmentTests
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace PdfAId = "http://www.aiim.org/pdfa/ns/id/";
    private static readonly XNamespace Fx = PdfA3Attachment.FacturXNamespace;
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace PdfASchema = "http://www.aiim.org/pdfa/ns/schema#";

    private static (byte[] Skia, byte[] Updated, PdfInfo Info, byte[] Xml) Attach()
    {
        var model = DocumentCases.B2cStandard();
        var mentions = new LegalMentions(model);
        var info = InvoicePdf.Info(model, mentions);
        var skia = InvoicePdf.Render(model, mentions, info);
        var xml = FacturXml.WriteBytes(model, mentions);
        return (skia, PdfA3Attachment.Attach(skia, xml, FacturXml.FileName, FacturXRenderer.ConformanceLevel, info, []), info, xml);
    }

    [Test]
    public void Skias_bytes_stay_as_they_are_and_the_new_trailer_points_back_to_its_cross_reference_table()
    {
        var (skia, updated, _, _) = Attach();
        Assert.That(updated.AsSpan(0, skia.Length).SequenceEqual(skia), Is.True, "an incremental update only appends");
        var skiaTail = Encoding.Latin1.GetString(skia[^64..]);
        var startXref = skiaTail[(skiaTail.LastIndexOf("startxref", StringComparison.Ordinal) + 9)..].Trim().Split('\n')[0].Trim();
        var appended = Encoding.Latin1.GetString(updated[skia.Length..]);
        Assert.That(appended, Does.Contain($"/Prev {startXref}>>"));
        Assert.That(appended.TrimEnd(), Does.EndWith("%%EOF"));
    }

    [Test]
    public void The_catalog_lists_the_file_in_AF_and_in_the_embedded_files_name_tree()
    {
        var (_, updated, _, xml) = Attach();
        using var pdf = PdfDocument.Open(updated);
        var catalog = pdf.Structure.Catalog.CatalogDictionary;

        Assert.That(catalog.Data.ContainsKey("AF"), Is.True, "the catalog has /AF");
        var af = Resolve<ArrayToken>(pdf, catalog.Data["AF"]);
        var spec = Resolve<DictionaryToken>(pdf, af.Data.Single());
        Assert.Multiple(() =>
        {
            Assert.That(spec.Data["Type"], Is.EqualTo(NameToken.Create("Filespec")));
            Assert.That(spec.Data["AFRelationship"], Is.EqualTo(NameToken.Create("Data")));
            Assert.That(((StringToken)spec.Data["F"]).Data, Is.EqualTo("factur-x.xml"));
            Assert.That(((StringToken)spec.Data["UF"]).Data, Is.EqualTo("factur-x.xml"));
            Assert.That(spec.Data.ContainsKey("Desc"), Is.True);
        });

        var ef = Resolve<DictionaryToken>(pdf, spec.Data["EF"]);
        var stream = Resolve<StreamToken>(pdf, ef.Data["F"]);
        Assert.That(stream.StreamDictionary.Data["Subtype"], Is.EqualTo(NameToken.Create("text/xml")));
        var parameters = Resolve<DictionaryToken>(pdf, stream.StreamDictionary.Data["Params"]);
        Assert.That(((NumericToken)parameters.Data["Size"]).Int, Is.EqualTo(xml.Length));
        Assert.That(parameters.Data.ContainsKey("ModDate"), Is.True);

        var names = Resolve<DictionaryToken>(pdf, catalog.Data["Names"]);
        var tree = Resolve<DictionaryToken>(pdf, names.Data["EmbeddedFiles"]);
        var entries = Resolve<ArrayToken>(pdf, tree.Data["Names"]).Data;
        Assert.That(((StringToken)entries[0]).Data, Is.EqualTo("factur-x.xml"));
    }

    [Test]
    public void The_new_xmp_says_PDF_A_3b_and_carries_the_factur_x_block_with_its_extension_schema()
    {
        var (_, updated, info, _) = Attach();
        using var pdf = PdfDocument.Open(updated);
        Assert.That(pdf.TryGetXmpMetadata(out var metadata), Is.True);
        var xmp = metadata!.GetXDocument();

        Assert.Multiple(() =>
        {
            Assert.That(xmp.Descendants(PdfAId + "part").Single().Value, Is.EqualTo("3"));
            Assert.That(xmp.Descendants(PdfAId + "conformance").Single().Value, Is.EqualTo("B"));
            Assert.That(xmp.Descendants(Fx + "ConformanceLevel").Single().Value, Is.EqualTo("EN 16931"));
            Assert.That(xmp.Descendants(Fx + "DocumentFileName").Single().Value, Is.EqualTo("factur-x.xml"));
            Assert.That(xmp.Descendants(Fx + "DocumentType").Single().Value, Is.EqualTo("INVOICE"));
            Assert.That(xmp.Descendants(Fx + "Version").Single().Value, Is.EqualTo("1.0"));
            Assert.That(xmp.Descendants(PdfASchema + "namespaceURI").Single().Value, Is.EqualTo(PdfA3Attachment.FacturXNamespace));
            Assert.That(xmp.Descendants(PdfASchema + "prefix").Single().Value, Is.EqualTo("fx"));
            Assert.That(xmp.Descendants(Dc + "title").Descendants(Rdf + "li").Single().Value, Is.EqualTo(info.Title));
            Assert.That(xmp.Descendants(Xmp + "CreateDate").Single().Value, Is.EqualTo("2026-11-27T00:00:00+00:00"));
        });

        // The Info dictionary (Skia's, unchanged) says the same title and dates.
        Assert.That(pdf.Information.Title, Is.EqualTo(info.Title));
        Assert.That(pdf.Information.Producer, Is.EqualTo(info.Producer));
        Assert.That(pdf.Information.CreationDate, Is.EqualTo("D:20261127000000+00'00'"));
    }

    [Test]
    public void The_same_model_renders_to_the_same_bytes()
    {
        var renderer = new FacturXRenderer();
        var first = renderer.Render(DocumentCases.ThreeRates());
        var second = renderer.Render(DocumentCases.ThreeRates());
        Assert.That(second.Pdf, Is.EqualTo(first.Pdf));
        Assert.That(second.Xml, Is.EqualTo(first.Xml));
    }

    [Test]
    public void A_file_identifier_Skia_wrote_as_a_literal_string_is_replaced_like_a_hex_one()
    {
        // Skia writes /ID as a literal string when that is shorter (about one file in a hundred): it once slipped
        // through, leaving Skia's random identifier in the bytes and none in the last trailer.
        var model = DocumentCases.ThreeRates();
        var mentions = new LegalMentions(model);
        var info = InvoicePdf.Info(model, mentions);
        var xml = FacturXml.WriteBytes(model, mentions);
        var hex = InvoicePdf.Render(model, mentions, info);
        var trailer = Encoding.Latin1.GetString(hex[^300..]);
        var id = Regex.Match(trailer, "/ID \\[<([0-9A-F]{32})> <[0-9A-F]{32}>\\]");
        Assert.That(id.Success, Is.True, trailer);
        var literal = "(" + string.Concat(Convert.FromHexString(id.Groups[1].Value).Select(b => b switch
        {
            (byte)'(' or (byte)')' or (byte)'\\' => "\\" + (char)b,
            < 0x20 or > 0x7E => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            _ => ((char)b).ToString(),
        })) + ")";
        var withLiteral = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(hex).Replace(id.Value, $"/ID [{literal} {literal}]", StringComparison.Ordinal));
        var documentId = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();

        var fromHex = PdfA3Attachment.Attach(hex, xml, FacturXml.FileName, FacturXRenderer.ConformanceLevel, info, documentId);
        var fromLiteral = PdfA3Attachment.Attach(withLiteral, xml, FacturXml.FileName, FacturXRenderer.ConformanceLevel, info, documentId);

        Assert.That(fromLiteral, Is.EqualTo(fromHex));
        var text = Encoding.Latin1.GetString(fromLiteral);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(id.Groups[1].Value));
            Assert.That(text, Does.Not.Contain(literal));
            Assert.That(Regex.Matches(text, "/ID \\[<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>\\]"), Has.Count.EqualTo(2));
            Assert.That(Regex.Matches(text, "uuid:00112233-4455-6677-8899-aabbccddeeff"), Has.Count.EqualTo(4), "Skia's XMP and ours");
        });
    }

    [TestCase("<00FF10>", new byte[] { 0x00, 0xFF, 0x10 })]
    [TestCase("<0 0f\nF1>", new byte[] { 0x00, 0xFF, 0x10 })]
    [TestCase("<ABC>", new byte[] { 0xAB, 0xC0 })]
    [TestCase("(a\\(b\\)\\\\)", new byte[] { 0x61, 0x28, 0x62, 0x29, 0x5C })]
    [TestCase("(\\101\\0\\12x\\273)", new byte[] { 0x41, 0x00, 0x0A, 0x78, 0xBB })]
    [TestCase("(\\n\\r\\t\\b\\f)", new byte[] { 0x0A, 0x0D, 0x09, 0x08, 0x0C })]
    [TestCase("(a\\\nb\\\r\nc)", new byte[] { 0x61, 0x62, 0x63 })]
    public void A_pdf_string_token_is_read_as_its_bytes(string token, byte[] expected) =>
        Assert.That(PdfA3Attachment.StringBytes(token), Is.EqualTo(expected));

    [Test]
    public void A_pdf_with_a_cross_reference_stream_is_refused_rather_than_guessed_at()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 2 /Root 2 0 R>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
        Assert.That(
            () => PdfA3Attachment.Attach(pdf, [1], "factur-x.xml", "EN 16931", new PdfInfo("t", "a", "c", "p", DateTime.UnixEpoch), []),
            Throws.InstanceOf<InvalidDataException>());
    }

    private static T Resolve<T>(PdfDocument pdf, IToken token)
        where T : IToken
    {
        while (token is IndirectReferenceToken reference)
        {
            token = pdf.Structure.GetObject(reference.Data).Data;
        }

        return (T)token;
    }
}
