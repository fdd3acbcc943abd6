using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Allowances;

/// <summary>
/// What one membership period grants a member, and what has been used of it. Valid for bookings dated in
/// [PeriodStart, PeriodEnd) and before <see cref="EndedOn"/> when the membership ended early.
/// </summary>
public sealed class AllowancePeriod : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public Guid SubscriptionId { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public DateOnly? EndedOn { get; set; }

    public int DeskDaysGranted { get; set; }

    public decimal RoomHoursGranted { get; set; }

    public int DeskDaysUsed { get; set; }

    public decimal RoomHoursUsed { get; set; }

    /// <summary>Optimistic concurrency: two bookings of one member must not both spend the last day.</summary>
    public int Version { get; set; }

    public bool Covers(DateOnly date) => PeriodStart <= date && date < PeriodEnd && (EndedOn is null || date < EndedOn);

    public int DeskDaysLeft => Math.Max(0, DeskDaysGranted - DeskDaysUsed);

    public decimal RoomHoursLeft => Math.Max(0, RoomHoursGranted - RoomHoursUsed);
}

public static class AllowanceKinds
{
    public const string DeskDays = "desk-days";
    public const string RoomHours = "room-hours";
}
