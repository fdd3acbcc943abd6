using Operators.Booking.Allowances;
using Operators.Contracts;

namespace Operators.Booking.Tests.Rules;

/// <summary>What a membership period grants and covers, in process: [start, end), an early end, nothing below zero.</summary>
public sealed class AllowancePeriodTests
{
    private static AllowancePeriod Period(DateOnly start, DateOnly end, DateOnly? endedOn = null) =>
        new() { PeriodStart = start, PeriodEnd = end, EndedOn = endedOn, DeskDaysGranted = 2, RoomHoursGranted = 1.5m };

    [Test]
    public void A_period_covers_its_first_day_and_its_last_but_not_its_end_which_is_the_next_periods_start()
    {
        // A month ending on the 31st, then February of a leap year.
        var january = Period(new DateOnly(2028, 1, 1), new DateOnly(2028, 2, 1));
        var february = Period(new DateOnly(2028, 2, 1), new DateOnly(2028, 3, 1));
        Assert.Multiple(() =>
        {
            Assert.That(january.Covers(new DateOnly(2027, 12, 31)), Is.False);
            Assert.That(january.Covers(new DateOnly(2028, 1, 1)), Is.True);
            Assert.That(january.Covers(new DateOnly(2028, 1, 31)), Is.True);
            Assert.That(january.Covers(new DateOnly(2028, 2, 1)), Is.False);
            Assert.That(february.Covers(new DateOnly(2028, 2, 1)), Is.True);
            Assert.That(february.Covers(new DateOnly(2028, 2, 29)), Is.True);
            Assert.That(february.Covers(new DateOnly(2028, 3, 1)), Is.False);
        });
    }

    [Test]
    public void A_membership_that_ended_early_covers_nothing_from_its_end_on()
    {
        var period = Period(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), endedOn: new DateOnly(2027, 1, 15));
        var endedAtOnce = Period(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), endedOn: new DateOnly(2027, 1, 1));
        var endedAfter = Period(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), endedOn: new DateOnly(2027, 3, 1));
        Assert.Multiple(() =>
        {
            Assert.That(period.Covers(new DateOnly(2027, 1, 14)), Is.True);
            Assert.That(period.Covers(new DateOnly(2027, 1, 15)), Is.False);
            Assert.That(period.Covers(new DateOnly(2027, 1, 31)), Is.False);
            Assert.That(endedAtOnce.Covers(new DateOnly(2027, 1, 1)), Is.False);
            Assert.That(endedAfter.Covers(new DateOnly(2027, 1, 31)), Is.True, "an end after the period changes nothing");
            Assert.That(endedAfter.Covers(new DateOnly(2027, 2, 1)), Is.False, "nor extends it");
        });
    }

    [Test]
    public void What_is_left_is_granted_minus_used_and_never_below_zero()
    {
        var period = Period(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1));
        var fresh = (period.DeskDaysLeft, period.RoomHoursLeft);
        period.DeskDaysUsed = 1;
        period.RoomHoursUsed = 0.5m;
        var partly = (period.DeskDaysLeft, period.RoomHoursLeft);
        period.DeskDaysUsed = 3;
        period.RoomHoursUsed = 2.25m;
        var overdrawn = (period.DeskDaysLeft, period.RoomHoursLeft);
        Assert.Multiple(() =>
        {
            Assert.That(fresh, Is.EqualTo((2, 1.5m)));
            Assert.That(partly, Is.EqualTo((1, 1.0m)));
            Assert.That(overdrawn, Is.EqualTo((0, 0m)));
        });
    }

    [TestCase(0.005, 0.01)]
    [TestCase(-0.005, -0.01)]
    [TestCase(2.675, 2.68)]
    [TestCase(7.4949, 7.49)]
    public void Money_is_rounded_half_away_from_zero_to_the_cent(decimal amount, decimal rounded)
    {
        Assert.That(Money.Round(amount), Is.EqualTo(rounded));
    }
}
