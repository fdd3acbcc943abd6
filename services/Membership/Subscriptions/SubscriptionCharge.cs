using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Subscriptions;

/// <summary>
/// A charge (or credit, when negative) a subscription caused, as published to billing. Unique per
/// (subscription, kind, from): the renewal of one period can be recorded, and so charged, only once.
/// </summary>
public sealed class SubscriptionCharge : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SubscriptionId { get; set; }

    public required string Kind { get; set; }

    public required string Description { get; set; }

    /// <summary>Excluding VAT; negative for a credit.</summary>
    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public decimal VatRate { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public DateTime CreatedAt { get; set; }
}
