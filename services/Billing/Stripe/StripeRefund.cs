using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Stripe;

public enum RefundStatus
{
    Pending,

    /// <summary>Claimed by one job, which is asking Stripe (<see cref="StripeRefund.ClaimedAt"/>): no other job touches it meanwhile.</summary>
    Sending,
    Succeeded,

    /// <summary>Stripe refused it (see <see cref="StripeRefund.LastError"/>): the treasurer pays the money back by other means.</summary>
    Failed,
}

/// <summary>
/// Money paid through Stripe to give back: planned in the transaction that makes it owed (a credit note on a card-paid
/// invoice, a day pass paid after its hold ended), sent to Stripe by a job with this row's id as idempotency key (so a
/// retried or doubled job refunds once), and recorded against the invoice as a negative payment when Stripe agrees.
/// </summary>
public sealed class StripeRefund : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The invoice the money was paid against; null for a day pass whose sale could not be invoiced.</summary>
    public Guid? InvoiceId { get; set; }

    public required string PaymentIntent { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public required string Reason { get; set; }

    public RefundStatus Status { get; set; }

    /// <summary>Stripe's refund (<c>re_…</c>), once made.</summary>
    public string? StripeRefundId { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a job last claimed it; a claim older than a few minutes is a job that died, and may be taken over.</summary>
    public DateTime? ClaimedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}
