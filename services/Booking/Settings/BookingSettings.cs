using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Settings;

/// <summary>A space's booking rules. One row per space, created with sensible defaults when the space is provisioned.</summary>
public sealed class BookingSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The longest hour booking (rooms).</summary>
    public int MaxBookingHours { get; set; } = 8;

    /// <summary>How far ahead a booking may start.</summary>
    public int AdvanceWindowDays { get; set; } = 90;

    /// <summary>Cancelling at least this long before the start is free and gives the allowance back.</summary>
    public int FreeCancellationHours { get; set; } = 24;

    /// <summary>Share of the charge kept as a fee for a later cancellation (the allowance is then forfeited).</summary>
    public decimal LateCancellationFeeShare { get; set; } = 0.5m;

    /// <summary>A booking not checked in this long after its start is a no-show, and its capacity is freed.</summary>
    public int NoShowGraceMinutes { get; set; } = 90;

    /// <summary>How long an online day pass holds its seat while waiting for payment.</summary>
    public int DayPassHoldMinutes { get; set; } = 15;

    public decimal DefaultVatRate { get; set; } = 20m;
}
