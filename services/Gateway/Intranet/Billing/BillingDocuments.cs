namespace Operators.Gateway.Intranet.Billing;

// Billing's documents as the intranet reads them (API.md, Billing). Optional fields are nullable so that a field the
// service leaves out shows as "not given" instead of failing the page.

public sealed record BillingAddressDocument(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

public sealed record BillingSettingsDocument(
    string? LegalName, string? LegalForm, decimal? ShareCapital, BillingAddressDocument? Address, string? Siren, string? Siret, string? Rcs, string? VatNumber,
    string? ElectronicAddress, string? Email, string? VatRegime, bool VatOnDebits, int? PaymentTermsDays, decimal? LatePenaltyRate, string? Iban, string? Bic,
    string? InvoicePrefix, string? CreditNotePrefix, string? Language);

public sealed record CustomerBillingDocument(string? Name, BillingAddressDocument? Address, bool IsBusiness, string? Siren, string? VatNumber);

/// <summary>Who gets invoiced: a member or a company (<c>kind</c>), as billing learnt of them from membership.</summary>
public sealed record CustomerDocument(string Id, string Kind, string? DisplayName, string? Email, string? CompanyId, CustomerBillingDocument? Billing, bool Erased)
{
    public string Name => Billing?.Name is { Length: > 0 } name ? name : DisplayName ?? Id;
}

public sealed record InvoiceCustomerDocument(string Id, string Name, BillingAddressDocument? Address, bool IsBusiness, string? Siren, string? VatNumber, string? Email);

public sealed record InvoiceLineDocument(int Position, string Description, decimal Quantity, string? Unit, MoneyDocument UnitPrice, decimal VatRate, MoneyDocument Net);

public sealed record VatDocument(decimal Rate, MoneyDocument Base, MoneyDocument Amount);

public sealed record TotalsDocument(MoneyDocument Net, IReadOnlyList<VatDocument>? Vat, MoneyDocument? VatTotal, MoneyDocument Gross);

public sealed record CreditDocument(string Id, string? Number, DateOnly? IssueDate, MoneyDocument Gross);

public sealed record PaymentDocument(string Id, MoneyDocument Amount, string Method, DateOnly Date, string? Reference);

public sealed record ServicePeriodDocument(DateOnly? From, DateOnly? To);

/// <summary>An invoice or a credit note (<c>kind</c>), a draft until issued (<c>status</c>).</summary>
public sealed record InvoiceDocument(
    string Id, string? Number, string Kind, string Status, DateOnly? IssueDate, DateOnly? DueDate, InvoiceCustomerDocument Customer,
    ServicePeriodDocument? ServicePeriod, string? Language, string? Note, IReadOnlyList<InvoiceLineDocument> Lines, TotalsDocument Totals,
    MoneyDocument? Paid, MoneyDocument? Credited, MoneyDocument? AmountDue, CreditDocument? Credits, IReadOnlyList<CreditDocument>? CreditedBy,
    IReadOnlyList<PaymentDocument>? Payments)
{
    public bool IsDraft => Status == "draft";

    public bool IsCreditNote => Kind == "credit-note";

    /// <summary>An issued invoice still owing something takes payments and credit notes; a credit note takes neither.</summary>
    public bool IsOpen => !IsCreditNote && Status is "issued" or "partially-paid";
}

/// <summary>A row of the invoice list.</summary>
public sealed record InvoiceSummaryDocument(
    string Id, string? Number, string Kind, string Status, DateOnly? IssueDate, DateOnly? DueDate, string CustomerId, string CustomerName,
    MoneyDocument Gross, MoneyDocument AmountDue);

public sealed record BrokenLinkDocument(string Id, string? Number, long Position, string Reason);

public sealed record IntegrityDocument(int Documents, bool Valid, BrokenLinkDocument? FirstBroken);

/// <summary>A billable charge (<c>status</c>: unbilled, billed, voided).</summary>
public sealed record ChargeDocument(
    string Id, string Source, string CustomerId, string? Customer, string Description, MoneyDocument Amount, decimal VatRate, DateOnly Date, string Status,
    string? InvoiceId);

public sealed record RunProblemDocument(string CustomerId, string Customer, string Reason);

public sealed record RunInvoiceDocument(string Id, string? Number, string Status, string Customer, MoneyDocument Gross);

/// <summary>An invoice run and how far it got (<c>status</c>: queued, running, completed).</summary>
public sealed record RunDocument(
    string Id, string Period, string Status, bool Scheduled, bool AutoIssue, int Total, int Done, int Failed, IReadOnlyList<RunProblemDocument>? Problems,
    IReadOnlyList<RunInvoiceDocument>? Invoices, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public bool Working => Status != "completed";
}

public sealed record RunStartedDocument(string Id);

public sealed record MonthRevenueDocument(string Month, MoneyDocument Net, MoneyDocument Vat, MoneyDocument Gross, int Invoices, int CreditNotes);

public sealed record RateTotalDocument(decimal Rate, MoneyDocument Base, MoneyDocument Vat);

public sealed record AgeingBucketDocument(string Bucket, MoneyDocument Amount, int Invoices);

/// <summary>The treasurer's summary (API.md, <c>GET /reports/summary</c>).</summary>
public sealed record SummaryDocument(
    DateOnly From, DateOnly To, string Currency, IReadOnlyList<MonthRevenueDocument> Revenue, IReadOnlyList<RateTotalDocument> VatByRate,
    MoneyDocument Outstanding, int OpenInvoices, MoneyDocument Overdue, IReadOnlyList<AgeingBucketDocument> OverdueAgeing);
