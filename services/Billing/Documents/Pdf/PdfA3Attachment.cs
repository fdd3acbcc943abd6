using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Operators.Billing.Documents.Pdf;

/// <summary>What the Info dictionary says, which the new XMP must repeat word for word (PDF/A's metadata rule).</summary>
public sealed record PdfInfo(string Title, string Author, string Creator, string Producer, DateTime Created);

/// <summary>
/// Turns the PDF/A-2b Skia writes into a Factur-X PDF/A-3b by an incremental update: the original bytes stay as
/// they are, and appended after them come the embedded <c>factur-x.xml</c> stream, its file specification
/// (<c>/AFRelationship /Data</c>), a new XMP (pdfaid:part 3 and the <c>fx:</c> block with its extension schema), the
/// catalog again with <c>/AF</c> and <c>/Names /EmbeddedFiles</c>, a new cross-reference section and a trailer
/// pointing back (<c>/Prev</c>) to Skia's. Skia writes a classic cross-reference table and a plain catalog, which
/// is what this reads; anything else is refused rather than guessed at.
/// </summary>
public static partial class PdfA3Attachment
{
    public const string FacturXNamespace = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

    private const string ByteOrderMark = "\uFEFF";

    /// <summary>
    /// Appends the attachment to <paramref name="pdf"/>. Skia's file identifier (trailer /ID and the XMP's uuid) is
    /// random; it is first replaced, in place and at the same length, by <paramref name="documentId"/> (16 bytes),
    /// so that the same document always gives the same bytes.
    /// </summary>
    public static byte[] Attach(byte[] pdf, byte[] xml, string fileName, string conformanceLevel, PdfInfo info, ReadOnlySpan<byte> documentId)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(info);

        var tail = Latin1(pdf, Math.Max(0, pdf.Length - 1024), Math.Min(1024, pdf.Length));
        var startXref = StartXrefPattern().Matches(tail) is { Count: > 0 } starts
            ? long.Parse(starts[^1].Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException("No startxref at the end of the PDF.");
        var trailerAt = tail.LastIndexOf("trailer", StringComparison.Ordinal);
        if (trailerAt < 0)
        {
            throw new InvalidDataException("No classic trailer: a cross-reference stream is not supported.");
        }

        var trailer = tail[trailerAt..];
        var size = int.Parse(Required(SizePattern(), trailer, "/Size"), CultureInfo.InvariantCulture);
        var root = int.Parse(Required(RootPattern(), trailer, "/Root"), CultureInfo.InvariantCulture);
        var infoRef = InfoPattern().Match(trailer);

        // Skia writes each half of /ID as a hex string or, when that is shorter, as a literal string: both are read.
        var id = IdPattern().Match(trailer);
        var ids = id.Success ? (First: StringBytes(id.Groups[1].Value), Second: StringBytes(id.Groups[2].Value)) : default;
        if (id.Success && documentId.Length == 16)
        {
            // The XMP's uuid is replaced in place, at the same length. The trailer comes after every object and after
            // the cross-reference table, so nothing points past it: its /ID is rewritten as hex, whatever its length.
            var replacement = documentId.ToArray();
            pdf = (byte[])pdf.Clone();
            foreach (var old in new[] { ids.First, ids.Second }.Where(half => half.Length == 16))
            {
                ReplaceAll(pdf, Guid(old), Guid(replacement));
            }

            var at = pdf.Length - tail.Length + trailerAt + id.Index;
            var hex = Convert.ToHexString(replacement);
            pdf = [.. pdf.AsSpan(0, at), .. Encoding.Latin1.GetBytes($"/ID [<{hex}> <{hex}>]"), .. pdf.AsSpan(at + id.Length)];
            ids = (replacement, replacement);
        }

        var catalog = CatalogDictionary(pdf, startXref, root);
        if (catalog.Contains("/Names", StringComparison.Ordinal) || catalog.Contains("/AF ", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The catalog already has /Names or /AF; merging them is not supported.");
        }

        var metadataMatch = MetadataPattern().Match(catalog);
        var embedded = size;
        var fileSpec = size + 1;
        var metadata = metadataMatch.Success ? int.Parse(metadataMatch.Groups[1].Value, CultureInfo.InvariantCulture) : size + 2;
        var newSize = metadataMatch.Success ? size + 2 : size + 3;

        using var output = new MemoryStream(pdf.Length + xml.Length + 8192);
        output.Write(pdf);
        if (pdf[^1] != (byte)'\n')
        {
            output.WriteByte((byte)'\n');
        }

        var offsets = new SortedDictionary<int, long>();
        var date = PdfDate(info.Created);

        offsets[embedded] = output.Position;
        var compressed = Deflate(xml);
        Write(output, string.Create(CultureInfo.InvariantCulture,
            $"{embedded} 0 obj\n<</Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode /Length {compressed.Length} /Params <</ModDate {date} /Size {xml.Length}>>>>\nstream\n"));
        output.Write(compressed);
        Write(output, "\nendstream\nendobj\n");

        offsets[fileSpec] = output.Position;
        var name = PdfString(fileName);
        Write(output, string.Create(CultureInfo.InvariantCulture,
            $"{fileSpec} 0 obj\n<</Type /Filespec /F {name} /UF {name} /Desc (Factur-X invoice) /AFRelationship /Data /EF <</F {embedded} 0 R /UF {embedded} 0 R>>>>\nendobj\n"));

        offsets[metadata] = output.Position;
        var uuid = id.Success && ids.First.Length == 16 ? Guid(ids.First) : null;
        var xmp = Encoding.UTF8.GetBytes(Xmp(info, fileName, conformanceLevel, uuid));
        Write(output, string.Create(CultureInfo.InvariantCulture, $"{metadata} 0 obj\n<</Type /Metadata /Subtype /XML /Length {xmp.Length}>>\nstream\n"));
        output.Write(xmp);
        Write(output, "\nendstream\nendobj\n");

        offsets[root] = output.Position;
        var body = catalog.TrimEnd()[..^2];
        body = metadataMatch.Success ? body : body + string.Create(CultureInfo.InvariantCulture, $" /Metadata {metadata} 0 R");
        Write(output, string.Create(CultureInfo.InvariantCulture,
            $"{root} 0 obj\n{body}\n/AF [{fileSpec} 0 R]\n/Names <</EmbeddedFiles <</Names [{name} {fileSpec} 0 R]>>>>>>\nendobj\n"));

        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets))
        {
            table.Append(CultureInfo.InvariantCulture, $"{run[0].Key} {run.Count}\n");
            foreach (var entry in run)
            {
                table.Append(CultureInfo.InvariantCulture, $"{entry.Value:D10} 00000 n \n");
            }
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {newSize} /Root {root} 0 R");
        if (infoRef.Success)
        {
            table.Append(CultureInfo.InvariantCulture, $" /Info {infoRef.Groups[1].Value} 0 R");
        }

        if (id.Success)
        {
            table.Append(CultureInfo.InvariantCulture, $" /ID [<{Convert.ToHexString(ids.First)}> <{Convert.ToHexString(ids.Second)}>]");
        }

        table.Append(CultureInfo.InvariantCulture, $" /Prev {startXref}>>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, table.ToString());
        return output.ToArray();
    }

    /// <summary>The XMP of a Factur-X PDF/A-3b, repeating the Info dictionary's title, author, tools and dates.</summary>
    public static string Xmp(PdfInfo info, string fileName, string conformanceLevel, string? documentId)
    {
        ArgumentNullException.ThrowIfNull(info);
        var date = info.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        var ids = documentId is null ? string.Empty : $"""

            <xmpMM:DocumentID>uuid:{documentId}</xmpMM:DocumentID>
            <xmpMM:InstanceID>uuid:{documentId}</xmpMM:InstanceID>
            """;
        return $"""
            <?xpacket begin="{ByteOrderMark}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>3</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{Escape(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>{Escape(info.Author)}</rdf:li></rdf:Seq></dc:creator>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreatorTool>{Escape(info.Creator)}</xmp:CreatorTool>
            <xmp:CreateDate>{date}</xmp:CreateDate>
            <xmp:ModifyDate>{date}</xmp:ModifyDate>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>{Escape(info.Producer)}</pdf:Producer>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">{ids}
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:fx="{FacturXNamespace}">
            <fx:DocumentType>INVOICE</fx:DocumentType>
            <fx:DocumentFileName>{Escape(fileName)}</fx:DocumentFileName>
            <fx:Version>1.0</fx:Version>
            <fx:ConformanceLevel>{Escape(conformanceLevel)}</fx:ConformanceLevel>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
            <rdf:Bag>
            <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>{FacturXNamespace}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fx</pdfaSchema:prefix>
            <pdfaSchema:property>
            <rdf:Seq>
            {Property("DocumentFileName", "name of the embedded XML invoice file")}
            {Property("DocumentType", "INVOICE")}
            {Property("Version", "The actual version of the Factur-X XML schema")}
            {Property("ConformanceLevel", "The conformance level of the embedded Factur-X data")}
            </rdf:Seq>
            </pdfaSchema:property>
            </rdf:li>
            </rdf:Bag>
            </pdfaExtension:schemas>
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
    }

    /// <summary>A PDF date, <c>D:20261127000000+00'00'</c>, the form Skia writes in the Info dictionary.</summary>
    public static string PdfDate(DateTime value) =>
        "(D:" + value.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00')";

    private static string Property(string name, string description) => $"""
        <rdf:li rdf:parseType="Resource">
        <pdfaProperty:name>{name}</pdfaProperty:name>
        <pdfaProperty:valueType>Text</pdfaProperty:valueType>
        <pdfaProperty:category>external</pdfaProperty:category>
        <pdfaProperty:description>{description}</pdfaProperty:description>
        </rdf:li>
        """;

    private static string CatalogDictionary(byte[] pdf, long startXref, int root)
    {
        var offset = ObjectOffset(pdf, startXref, root);
        var text = Latin1(pdf, (int)offset, (int)Math.Min(4096, pdf.Length - offset));
        var header = $"{root} 0 obj";
        if (!text.StartsWith(header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Object {root} is not at the offset the cross-reference table gives.");
        }

        var end = text.IndexOf("endobj", StringComparison.Ordinal);
        var dictionary = text[header.Length..end].Trim();
        if (!dictionary.StartsWith("<<", StringComparison.Ordinal) || !dictionary.EndsWith(">>", StringComparison.Ordinal)
            || !dictionary.Contains("/Type /Catalog", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The root object is not a plain catalog dictionary.");
        }

        return dictionary;
    }

    private static long ObjectOffset(byte[] pdf, long startXref, int number)
    {
        var at = (int)startXref;
        var section = Latin1(pdf, at, Math.Min(pdf.Length - at, 64));
        if (!section.StartsWith("xref", StringComparison.Ordinal))
        {
            throw new InvalidDataException("startxref does not point at a classic cross-reference table.");
        }

        var position = at + 4;
        while (true)
        {
            var line = ReadLine(pdf, ref position);
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("trailer", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Object {number} is not in the cross-reference table.");
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (number >= first && number < first + count)
            {
                var entry = position + (number - first) * 20;
                return long.Parse(Latin1(pdf, entry, 10), CultureInfo.InvariantCulture);
            }

            position += count * 20;
        }
    }

    private static string ReadLine(byte[] pdf, ref int position)
    {
        var start = position;
        while (position < pdf.Length && pdf[position] != '\n' && pdf[position] != '\r')
        {
            position++;
        }

        var line = Latin1(pdf, start, position - start);
        while (position < pdf.Length && (pdf[position] == '\n' || pdf[position] == '\r'))
        {
            position++;
        }

        return line.Trim();
    }

    private static void ReplaceAll(byte[] pdf, string from, string to)
    {
        var old = Encoding.Latin1.GetBytes(from);
        var replacement = Encoding.Latin1.GetBytes(to);
        var span = pdf.AsSpan();
        var start = 0;
        int found;
        while ((found = span[start..].IndexOf(old)) >= 0)
        {
            replacement.CopyTo(span[(start + found)..]);
            start += found + old.Length;
        }
    }

    private static IEnumerable<List<KeyValuePair<int, long>>> Runs(SortedDictionary<int, long> offsets)
    {
        var run = new List<KeyValuePair<int, long>>();
        foreach (var entry in offsets)
        {
            if (run.Count > 0 && entry.Key != run[^1].Key + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(entry);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream(data.Length / 3 + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>The uuid form of a 16-byte identifier, as Skia writes it in the XMP.</summary>
    private static string Guid(byte[] id)
    {
        var hex = Convert.ToHexStringLower(id);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>The bytes of a PDF string token: <c>&lt;hex&gt;</c>, or a literal <c>(…)</c> with its escapes.</summary>
    internal static byte[] StringBytes(string token)
    {
        if (token.StartsWith('<'))
        {
            var hex = string.Concat(token[1..^1].Where(c => !char.IsWhiteSpace(c)));
            return Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
        }

        var bytes = new List<byte>(token.Length);
        for (var i = 1; i < token.Length - 1; i++)
        {
            var c = token[i];
            if (c != '\\')
            {
                bytes.Add((byte)c);
                continue;
            }

            c = token[++i];
            if (c is >= '0' and <= '7')
            {
                var value = 0;
                for (var digits = 0; digits < 3 && token[i] is >= '0' and <= '7'; digits++, i++)
                {
                    value = value * 8 + (token[i] - '0');
                }

                i--;
                bytes.Add((byte)value);
                continue;
            }

            switch (c)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'b': bytes.Add((byte)'\b'); break;
                case 'f': bytes.Add((byte)'\f'); break;
                case '\r': i += token[i + 1] == '\n' ? 1 : 0; break; // a line continuation adds nothing
                case '\n': break;
                default: bytes.Add((byte)c); break; // \( \) \\ and any other escaped character stand for themselves
            }
        }

        return [.. bytes];
    }

    /// <summary>A literal string: ASCII names stay readable (pdfdetach lists them), anything else is UTF-16BE.</summary>
    private static string PdfString(string value) => value.All(c => c is >= ' ' and < (char)127 and not '(' and not ')' and not '\\')
        ? $"({value})"
        : "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static string Escape(string value) => SecurityElement.Escape(value);

    private static string Required(Regex pattern, string text, string what) =>
        pattern.Match(text) is { Success: true } match ? match.Groups[1].Value : throw new InvalidDataException($"The trailer has no {what}.");

    private static string Latin1(byte[] bytes, int offset, int count) => Encoding.Latin1.GetString(bytes, offset, count);

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXrefPattern();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/Info\s+(\d+)\s+0\s+R")]
    private static partial Regex InfoPattern();

    [GeneratedRegex(@"/ID\s*\[\s*(<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\()])*\))\s*(<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\()])*\))\s*\]")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"/Metadata\s+(\d+)\s+0\s+R")]
    private static partial Regex MetadataPattern();
}
