using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Invoices;

public enum DocumentKind
{
    /// <summary>A "Facture" (UNTDID 1001 type code 380).</summary>
    Invoice,

    /// <summary>An "Avoir" (type code 381): credits all or part of an issued invoice.</summary>
    CreditNote,
}

public enum InvoiceStatus
{
    /// <summary>No number yet: editable, deletable.</summary>
    Draft,
    Issued,
    PartiallyPaid,
    Paid,

    /// <summary>Credit notes cover it in full.</summary>
    Cancelled,
}

/// <summary>
/// An invoice or a credit note. A draft is freely edited; once issued, every legal column is frozen (the API
/// answers 409 and a database trigger refuses the write) and only the payment state (<see cref="Status"/>,
/// <see cref="PaidAmount"/>, <see cref="CreditedAmount"/>, <see cref="Version"/>) moves.
/// </summary>
public sealed class Invoice : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public DocumentKind Kind { get; set; }

    public InvoiceStatus Status { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>The member billed (a member customer), for the member's own "My invoices".</summary>
    public Guid? MemberId { get; set; }

    /// <summary>The company billed (a company customer); its members see its invoices too.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>The number, e.g. <c>F-2027-00042</c>; null on a draft.</summary>
    public string? Number { get; set; }

    /// <summary>The series the number belongs to, e.g. <c>F-2027</c>.</summary>
    public string? Series { get; set; }

    /// <summary>The position in the series (42 above).</summary>
    public int? Sequence { get; set; }

    /// <summary>The position in the space's chain of issued documents (1, 2, …), invoices and credit notes together.</summary>
    public long? ChainIndex { get; set; }

    public DateOnly? IssueDate { get; set; }

    public DateOnly? DueDate { get; set; }

    /// <summary>The service period (BT-73/74) when it differs from the issue date.</summary>
    public DateOnly? ServiceFrom { get; set; }

    public DateOnly? ServiceTo { get; set; }

    public string Currency { get; set; } = "EUR";

    /// <summary><c>fr</c> or <c>en</c>: the language the document is written in.</summary>
    public string Language { get; set; } = "fr";

    /// <summary>The seller as it was when the document was issued.</summary>
    public SellerSnapshot? Seller { get; set; }

    /// <summary>The customer as they were when the document was issued.</summary>
    public PartySnapshot? Buyer { get; set; }

    /// <summary>A free note printed on the document (a credit note's reason).</summary>
    public string? Note { get; set; }

    public decimal Net { get; set; }

    public decimal VatTotal { get; set; }

    public decimal Gross { get; set; }

    /// <summary>For a credit note: the invoice it credits.</summary>
    public Guid? CreditedInvoiceId { get; set; }

    public string? CreditedInvoiceNumber { get; set; }

    public DateOnly? CreditedInvoiceIssueDate { get; set; }

    /// <summary>Payments recorded against an invoice (mutable payment state).</summary>
    public decimal PaidAmount { get; set; }

    /// <summary>Credit notes issued against an invoice (mutable payment state).</summary>
    public decimal CreditedAmount { get; set; }

    /// <summary>SHA-256 (hex) over the legal content, the stored PDF's hash and <see cref="PreviousFootprint"/>.</summary>
    public string? Footprint { get; set; }

    public string? PreviousFootprint { get; set; }

    /// <summary>SHA-256 (hex) of the stored PDF, the legal original.</summary>
    public string? PdfSha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? IssuedAt { get; set; }

    public int Version { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    /// <summary>What the customer still owes: gross − payments − credits (negative when the space owes a refund).</summary>
    public decimal AmountDue => Kind == DocumentKind.Invoice && Status != InvoiceStatus.Draft ? Gross - PaidAmount - CreditedAmount : 0m;

    public bool IsIssued => Number is not null;
}

/// <summary>One line: quantity × unit price excl. VAT, rounded to the cent per line.</summary>
public sealed class InvoiceLine : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>1, 2, … in the document's order.</summary>
    public int Position { get; set; }

    public required string Description { get; set; }

    public decimal Quantity { get; set; }

    /// <summary>UN/ECE rec. 20 unit: <c>C62</c> (one), <c>DAY</c>, <c>HUR</c> (hour), <c>MON</c> (month).</summary>
    public string UnitCode { get; set; } = "C62";

    public decimal UnitPrice { get; set; }

    /// <summary>Percent: 20, 10, 5.5, 2.1 or 0.</summary>
    public decimal VatRate { get; set; }

    /// <summary>Quantity × unit price, rounded half away from zero to the cent.</summary>
    public decimal Net { get; set; }
}

/// <summary>The stored legal original: the PDF/A-3 bytes and the Factur-X XML embedded in them. Written once, at issue.</summary>
public sealed class InvoiceFile : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public required byte[] Pdf { get; set; }

    public required string Xml { get; set; }
}

/// <summary>The last number given in one series of a space (<c>F-2027</c>, <c>AV-2027</c>), taken under a row lock.</summary>
public sealed class NumberSeries : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Key { get; set; }

    public int Last { get; set; }
}

/// <summary>
/// The head of a space's chain of issued documents. Issuing locks this row, which serialises the space's issues:
/// numbers stay gapless and chronological, and each footprint links to the one before.
/// </summary>
public sealed class IssueChain : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long Count { get; set; }

    public string? LastFootprint { get; set; }
}
