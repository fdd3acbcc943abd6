using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Bookings;

public enum BookingStatus
{
    /// <summary>Holds its capacity until <see cref="Booking.HoldExpiresAt"/> while a payment is awaited.</summary>
    Held,
    Confirmed,
    CheckedIn,
    Cancelled,
    NoShow,

    /// <summary>A hold that ended without payment: its capacity is free again.</summary>
    Released,
}

/// <summary>A resource held for a member, a guest or an event over [Start, End) (UTC).</summary>
public sealed class Booking : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ResourceId { get; set; }

    public Guid? MemberId { get; set; }

    /// <summary>Who made it (the member, or the operator who booked for someone).</summary>
    public Guid? BookedBy { get; set; }

    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    /// <summary>The local date it belongs to, in the space's time zone.</summary>
    public DateOnly Date { get; set; }

    public bool ByTheHour { get; set; }

    /// <summary>Copied from the resource: on PostgreSQL an exclusion constraint forbids two overlapping exclusive bookings.</summary>
    public bool Exclusive { get; set; }

    public int Seats { get; set; } = 1;

    public BookingStatus Status { get; set; } = BookingStatus.Confirmed;

    public DateTime? HoldExpiresAt { get; set; }

    public Guid? AllowancePeriodId { get; set; }

    public decimal AllowanceUsed { get; set; }

    public decimal ChargeAmount { get; set; }

    public required string Currency { get; set; }

    public decimal VatRate { get; set; }

    public decimal? CancellationFee { get; set; }

    public bool AllowanceRefunded { get; set; }

    public Guid? DayPassId { get; set; }

    public Guid? EventId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public DateTime? CheckedInAt { get; set; }

    /// <summary>Does this booking hold capacity at <paramref name="now"/>?</summary>
    public bool HoldsCapacity(DateTime now) =>
        Status is BookingStatus.Confirmed or BookingStatus.CheckedIn
        || (Status == BookingStatus.Held && HoldExpiresAt > now);
}
