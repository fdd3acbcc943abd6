using Operators.Billing.Documents;
using Operators.Billing.Payments;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;

namespace Operators.Billing.Invoices;

/// <summary>One line as clients send it. <c>unit</c>: <c>C62</c> (default), <c>DAY</c>, <c>HUR</c>, <c>MON</c>.</summary>
public sealed record InvoiceLineRequest(string? Description, decimal? Quantity, PriceInput? UnitPrice, decimal? VatRate, string? Unit);

/// <summary>The service period a document covers, when it differs from the issue date (days of the space).</summary>
public sealed record ServicePeriodDocument(DateOnly? From, DateOnly? To);

/// <summary>
/// A draft as clients send it (create and edit). <c>language</c> (<c>fr</c> or <c>en</c>) is the document's; left out,
/// the customer's if known, else the space's default (billing settings).
/// </summary>
public sealed record InvoiceRequest(Guid? CustomerId, List<InvoiceLineRequest>? Lines, ServicePeriodDocument? ServicePeriod, string? Note, string? Language = null);

/// <summary>A credit note: the whole invoice when <c>lines</c> is left out, else the lines it credits.</summary>
public sealed record CreditNoteRequest(List<InvoiceLineRequest>? Lines, string? Reason);

/// <summary>A manual payment. <c>method</c>: <c>bank-transfer|cash|cheque|card</c>; <c>date</c> defaults to the space's today.</summary>
public sealed record PaymentRequest(PriceInput? Amount, string? Method, DateOnly? Date, string? Reference);

public sealed record AddressDocument(string Line1, string? Line2, string PostalCode, string City, string Country);

public sealed record InvoiceCustomerDocument(string Id, string Name, AddressDocument? Address, bool IsBusiness, string? Siren, string? VatNumber, string? Email);

public sealed record InvoiceLineDocument(int Position, string Description, decimal Quantity, string Unit, Money UnitPrice, decimal VatRate, Money Net);

public sealed record VatDocument(decimal Rate, Money Base, Money Amount);

public sealed record TotalsDocument(Money Net, IReadOnlyList<VatDocument> Vat, Money VatTotal, Money Gross);

public sealed record CreditDocument(string Id, string Number, DateOnly IssueDate, Money Gross);

/// <summary>The invoice a credit note credits.</summary>
public sealed record InvoiceReference(string Id, string Number, DateOnly IssueDate);

public sealed record PaymentDocument(string Id, Money Amount, string Method, DateOnly Date, string? Reference);

/// <summary>
/// An invoice or credit note. <c>status</c>: <c>draft|issued|partially-paid|paid|cancelled</c>; <c>kind</c>:
/// <c>invoice|credit-note</c>. <c>amountDue</c> = gross − payments − credits (an invoice; 0 for a credit note and a draft).
/// A credit note names the invoice it credits (<c>credits</c>); an invoice lists the credit notes that credit it (<c>creditedBy</c>).
/// </summary>
public sealed record InvoiceResponse(
    string Id,
    string? Number,
    string Kind,
    string Status,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    InvoiceCustomerDocument Customer,
    ServicePeriodDocument? ServicePeriod,
    string Language,
    string? Note,
    IReadOnlyList<InvoiceLineDocument> Lines,
    TotalsDocument Totals,
    Money Paid,
    Money Credited,
    Money AmountDue,
    InvoiceReference? Credits,
    IReadOnlyList<CreditDocument> CreditedBy,
    IReadOnlyList<PaymentDocument> Payments);

/// <summary>A row of <c>GET /invoices</c>.</summary>
public sealed record InvoiceSummary(
    string Id, string? Number, string Kind, string Status, DateOnly? IssueDate, DateOnly? DueDate, string CustomerId, string CustomerName,
    Money Gross, Money AmountDue);

/// <summary><c>GET /integrity</c>: every issued document of the space re-hashed in chain order.</summary>
public sealed record IntegrityReport(int Documents, bool Valid, BrokenLink? FirstBroken);

/// <summary>
/// The first position of the chain that does not hold: the document there (or, when one is missing, the next one found)
/// whose footprint, link to the previous one, or stored PDF does not match.
/// </summary>
public sealed record BrokenLink(string Id, string? Number, long Position, string Reason);

/// <summary>Wire names of the enums.</summary>
public static class InvoiceNames
{
    public static string Of(DocumentKind kind) => kind == DocumentKind.CreditNote ? "credit-note" : "invoice";

    public static string Of(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "draft",
        InvoiceStatus.Issued => "issued",
        InvoiceStatus.PartiallyPaid => "partially-paid",
        InvoiceStatus.Paid => "paid",
        _ => "cancelled",
    };

    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.BankTransfer => "bank-transfer",
        PaymentMethod.Cash => "cash",
        PaymentMethod.Cheque => "cheque",
        _ => "card",
    };

    public static readonly IReadOnlyDictionary<string, PaymentMethod> Methods = Enum.GetValues<PaymentMethod>().ToDictionary(Of);

    public static readonly IReadOnlyDictionary<string, InvoiceStatus> Statuses = Enum.GetValues<InvoiceStatus>().ToDictionary(Of);
}
