namespace Operators.Contracts.Billing;

/// <summary>What an issued document is: an invoice, or a credit note ("avoir") that cancels all or part of one.</summary>
public static class DocumentKinds
{
    public const string Invoice = "invoice";
    public const string CreditNote = "credit-note";
}

/// <summary>
/// An invoice or a credit note was issued: numbered, rendered and stored as the legal original.
/// <paramref name="MemberId"/> or <paramref name="CompanyId"/> names the customer; a credit note names the invoice it
/// credits in <paramref name="CreditedInvoiceId"/>.
/// </summary>
public sealed record InvoiceIssued(
    Guid InvoiceId, string Kind, string Number, Guid? MemberId, Guid? CompanyId, DateOnly IssueDate, DateOnly DueDate, Money Gross,
    Guid? CreditedInvoiceId);
