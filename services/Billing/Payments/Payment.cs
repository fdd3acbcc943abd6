using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Payments;

public enum PaymentMethod
{
    BankTransfer,
    Cash,
    Cheque,

    /// <summary>A card terminal at the desk (manual); Stripe payments come in issue 11.</summary>
    Card,
}

/// <summary>Money received against an invoice. An accounting record: never changed or deleted.</summary>
public sealed class Payment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InvoiceId { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public PaymentMethod Method { get; set; }

    /// <summary>The day the money arrived (space's calendar).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Transfer reference, cheque number…</summary>
    public string? Reference { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>Who recorded it (the treasurer's person id).</summary>
    public Guid? RecordedBy { get; set; }
}
