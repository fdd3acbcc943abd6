using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Stripe;

public enum CheckoutStatus
{
    Open,
    Paid,

    /// <summary>Failed, abandoned or expired: nothing was paid.</summary>
    Failed,
}

/// <summary>
/// A Stripe Checkout session billing opened (its id is Stripe's <c>cs_…</c>): what it is for (<see cref="Subject"/>,
/// <see cref="SubjectId"/>), how much, and where it stands. The webhook finds it by id; once paid it never moves again,
/// so a failure reported after the success (Stripe does not promise order) changes nothing.
/// </summary>
public sealed class StripeCheckout : ITenantOwned
{
    public required string Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary><c>invoice</c> or <c>day-pass</c> (the contracts' <c>PaymentSubjects</c>).</summary>
    public required string Subject { get; set; }

    public Guid SubjectId { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public required string Url { get; set; }

    public CheckoutStatus Status { get; set; }

    /// <summary>Stripe's payment intent (<c>pi_…</c>), known once paid: what a refund names.</summary>
    public string? PaymentIntent { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>A day pass: the sale to invoice once paid (the pass's day, price excl. VAT and rate, who bought it).</summary>
    public DateOnly? SaleDate { get; set; }

    public decimal SaleNet { get; set; }

    public decimal SaleVatRate { get; set; }

    public Guid? MemberId { get; set; }

    public string? GuestName { get; set; }

    public string? GuestEmail { get; set; }
}

/// <summary>A Stripe event already handled (its id is Stripe's <c>evt_…</c>): the webhook's idempotency, written with its effects.</summary>
public sealed class StripeEventRecord : ITenantOwned
{
    public required string Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Type { get; set; }

    public DateTime ReceivedAt { get; set; }
}
