using Operators.Booking.Settings;
using Operators.Contracts;

namespace Operators.Booking.Bookings;

/// <summary>
/// The space's cancellation policy: free (allowance given back) until <c>FreeCancellationHours</c> before the start;
/// later, the allowance is forfeited and <c>LateCancellationFeeShare</c> of the charge is kept.
/// </summary>
public static class CancellationPolicy
{
    public static (bool Free, decimal Fee) Quote(Booking booking, BookingSettings settings, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(settings);
        return utcNow <= booking.Start.AddHours(-settings.FreeCancellationHours)
            ? (true, 0m)
            : (false, Money.Round(booking.ChargeAmount * settings.LateCancellationFeeShare));
    }
}
