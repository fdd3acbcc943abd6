using Operators.Booking.Bookings;
using Operators.Booking.Settings;
using BookingRow = Operators.Booking.Bookings.Booking;

namespace Operators.Booking.Tests.Rules;

/// <summary>The cancellation policy on its own, in process: free until the cutoff (inclusive), then a share of the charge.</summary>
public sealed class CancellationPolicyTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 7, 30, 0, DateTimeKind.Utc);

    private static BookingRow Booked(decimal charge, DateTime? start = null) =>
        new() { Start = start ?? Start, End = (start ?? Start).AddHours(10), ChargeAmount = charge, Currency = "EUR" };

    private static BookingSettings Policy(int freeHours = 24, decimal share = 0.5m) =>
        new() { FreeCancellationHours = freeHours, LateCancellationFeeShare = share };

    [Test]
    public void Cancelling_exactly_at_the_cutoff_is_still_free()
    {
        Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(), Start.AddHours(-24)), Is.EqualTo((true, 0m)));
    }

    [Test]
    public void One_tick_after_the_cutoff_keeps_the_share_of_the_charge()
    {
        Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(), Start.AddHours(-24).AddTicks(1)), Is.EqualTo((false, 7.5m)));
    }

    [Test]
    public void Long_before_the_cutoff_is_free_and_after_the_start_is_late()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(), Start.AddDays(-30)).Free, Is.True);
            Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(), Start.AddHours(1)), Is.EqualTo((false, 7.5m)));
        });
    }

    [Test]
    public void With_no_notice_required_cancelling_is_free_up_to_the_start_itself()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(freeHours: 0), Start), Is.EqualTo((true, 0m)));
            Assert.That(CancellationPolicy.Quote(Booked(15m), Policy(freeHours: 0), Start.AddTicks(1)).Free, Is.False);
        });
    }

    [TestCase(12.35, 0.5, 6.18)]
    [TestCase(10, 0.3335, 3.34)]
    [TestCase(0, 0.5, 0)]
    [TestCase(15, 1, 15)]
    [TestCase(15, 0, 0)]
    public void The_late_fee_is_the_share_of_the_charge_rounded_half_away_from_zero_to_the_cent(decimal charge, decimal share, decimal fee)
    {
        Assert.That(CancellationPolicy.Quote(Booked(charge), Policy(share: share), Start).Fee, Is.EqualTo(fee));
    }

    [Test]
    public void The_notice_is_counted_in_elapsed_hours_not_wall_clock_hours_across_a_clock_change()
    {
        // Sunday 28 March 2027, 08:30 in Paris (summer time since 02:00): 24 hours earlier is 07:30 on the
        // Saturday, Paris time (winter time), not 08:30.
        var sunday = new DateTime(2027, 3, 28, 6, 30, 0, DateTimeKind.Utc);
        var saturdayAt0730Paris = new DateTime(2027, 3, 27, 6, 30, 0, DateTimeKind.Utc);
        Assert.Multiple(() =>
        {
            Assert.That(CancellationPolicy.Quote(Booked(20m, sunday), Policy(), saturdayAt0730Paris).Free, Is.True);
            Assert.That(CancellationPolicy.Quote(Booked(20m, sunday), Policy(), saturdayAt0730Paris.AddMinutes(30)).Free, Is.False);
        });
    }
}
