namespace Operators.Membership.Subscriptions;

/// <summary>
/// The terms a subscription signed, copied from its plan: later edits of the plan, or its retirement, do not
/// change what a subscriber pays or receives.
/// </summary>
public sealed class PlanTerms
{
    public Guid PlanId { get; set; }

    public required string PlanName { get; set; }

    /// <summary>Excluding VAT.</summary>
    public decimal MonthlyPrice { get; set; }

    public required string Currency { get; set; }

    public decimal VatRate { get; set; }

    public decimal SetupFee { get; set; }

    public int CommitmentMonths { get; set; }

    public int DeskDays { get; set; }

    public decimal RoomHours { get; set; }
}
