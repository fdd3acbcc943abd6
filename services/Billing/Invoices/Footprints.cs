using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Operators.Billing.Invoices;

/// <summary>
/// The tamper-evident chain: each issued document's footprint is SHA-256 over its legal content (parties, lines,
/// amounts, dates, number, the stored PDF's and XML's hashes) and the previous document's footprint, so changing, removing or
/// reordering any issued document breaks every footprint after it.
/// </summary>
public static class Footprints
{
    /// <summary>The hex SHA-256 of <paramref name="bytes"/> (lower case).</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <param name="xml">The stored Factur-X XML, hashed in too: the XML served must be the one issued.</param>
    public static string Compute(Invoice d, string xml, string? previous) => Sha256(Encoding.UTF8.GetBytes(Content(d, xml, previous)));

    /// <summary>
    /// The canonical text hashed: one field per line, in a fixed order, numbers in invariant culture without
    /// trailing zeros (a database may give 12.5 back for 12.50), so a value read back hashes as it was written.
    /// </summary>
    public static string Content(Invoice d, string xml, string? previous)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(xml);
        var text = new StringBuilder();
        void Field(string name, object? value) => text.Append(name).Append('=').Append(Format(value)).Append('\n');

        Field("kind", d.Kind);
        Field("number", d.Number);
        Field("series", d.Series);
        Field("sequence", d.Sequence);
        Field("chain", d.ChainIndex);
        Field("issue", d.IssueDate);
        Field("due", d.DueDate);
        Field("service-from", d.ServiceFrom);
        Field("service-to", d.ServiceTo);
        Field("currency", d.Currency);
        Field("language", d.Language);
        Field("customer", d.CustomerId);
        Field("seller", d.Seller is null ? null : JsonSerializer.Serialize(d.Seller, InvoiceConfiguration.JsonOptions));
        Field("buyer", d.Buyer is null ? null : JsonSerializer.Serialize(d.Buyer, InvoiceConfiguration.JsonOptions));
        Field("note", d.Note);
        foreach (var l in d.Lines.OrderBy(l => l.Position))
        {
            Field("line", string.Join('|', l.Position, Format(l.Description), Format(l.Quantity), l.UnitCode, Format(l.UnitPrice), Format(l.VatRate), Format(l.Net)));
        }

        Field("net", d.Net);
        Field("vat", d.VatTotal);
        Field("gross", d.Gross);
        Field("credits", d.CreditedInvoiceId);
        Field("credits-number", d.CreditedInvoiceNumber);
        Field("credits-date", d.CreditedInvoiceIssueDate);
        Field("pdf", d.PdfSha256);
        Field("xml", Sha256(Encoding.UTF8.GetBytes(xml)));
        Field("previous", previous);
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        // Line breaks inside a value would let two different contents print the same text.
        string s => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
