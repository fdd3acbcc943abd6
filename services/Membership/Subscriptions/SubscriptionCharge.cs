using Operators.Contracts.Membership;
using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Subscriptions;

/// <summary>
/// A charge (or credit, when negative) a subscription caused, as published to billing. Periods, setup fees and
/// commitment pieces are unique per (subscription, kind, from): the renewal of one period can be recorded, and so
/// charged, only once.
/// </summary>
public sealed class SubscriptionCharge : ITenantOwned
{
    /// <summary>The kinds unique per (subscription, kind, from).</summary>
    public static readonly string[] UniqueKinds = [MembershipChargeKinds.Period, MembershipChargeKinds.SetupFee, MembershipChargeKinds.Commitment];

    /// <summary>The unique index's filter, in SQL both providers read (PostgreSQL and SQLite quote names alike).</summary>
    public const string UniqueKindsFilter = "\"Kind\" IN ('period', 'setup-fee', 'commitment')";

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
