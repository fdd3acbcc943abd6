using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Plans;

/// <summary>
/// What a space sells by the month. Editing a plan changes it for new subscribers only: a subscription copies
/// the terms it signed (<see cref="Subscriptions.PlanTerms"/>). A plan in use is retired, never deleted.
/// </summary>
public sealed class Plan : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Excluding VAT, in the space's currency.</summary>
    public decimal MonthlyPrice { get; set; }

    public required string Currency { get; set; }

    /// <summary>A percentage (20, 5.5, 0).</summary>
    public decimal VatRate { get; set; }

    /// <summary>Excluding VAT; charged once, with a subscription's first period.</summary>
    public decimal SetupFee { get; set; }

    public int CommitmentMonths { get; set; }

    public int DeskDays { get; set; }

    public decimal RoomHours { get; set; }

    /// <summary>Days of the week members of this plan may come (shown to members; booking does not enforce it).</summary>
    public List<DayOfWeek> AccessDays { get; set; } = [];

    public TimeOnly? AccessFrom { get; set; }

    public TimeOnly? AccessTo { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: two operators editing the same plan do not silently overwrite each other.</summary>
    public int Version { get; set; }
}
