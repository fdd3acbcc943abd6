using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Subscriptions;

public enum SubscriptionStatus
{
    Active,
    Paused,

    /// <summary>Cancelled at period end: active until <see cref="Subscription.EndsOn"/>.</summary>
    Cancelling,
    Ended,
}

/// <summary>
/// A member (or a company's seat) on a plan. Periods follow the anniversary of <see cref="Anchor"/>: period n runs
/// from the anchor plus n months to the anchor plus n + 1 months, each clamped to the month's length (31 January →
/// 28/29 February → 31 March), in the space's days. Resuming after a pause moves the anchor to the day it resumes.
/// </summary>
public sealed class Subscription : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    /// <summary>The company that pays for this seat, if any (copied from the member when subscribed, or given).</summary>
    public Guid? CompanyId { get; set; }

    public required PlanTerms Terms { get; set; }

    public SubscriptionStatus Status { get; set; }

    /// <summary>The first day of the subscription.</summary>
    public DateOnly Start { get; set; }

    /// <summary>The day periods count from (the start, or the last resume).</summary>
    public DateOnly Anchor { get; set; }

    /// <summary>Periods since <see cref="Anchor"/>: the current period is number <see cref="PeriodNumber"/>.</summary>
    public int PeriodNumber { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary>Exclusive: the first day of the next period.</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>Exclusive: the first day the member may leave without owing more.</summary>
    public DateOnly CommitmentEndsOn { get; set; }

    public DateOnly? PausedOn { get; set; }

    /// <summary>When cancelling at period end: the day it ends.</summary>
    public DateOnly? EndsOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    /// <summary>A downgrade waiting for the period's end: the terms the next period starts with.</summary>
    public PlanTerms? PendingTerms { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: the renewal job and an operator's action never both move one subscription.</summary>
    public int Version { get; set; }
}
