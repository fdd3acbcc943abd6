using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>
/// The tests' own calendar helpers, for the days and hours that broke them: a weekend, late evening in Paris
/// (already tomorrow there), summer time, a clock change.
/// </summary>
public sealed class TestCalendarTests
{
    private static readonly TimeZoneInfo Paris = TestCalendar.Paris;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [TestCase(2026, 11, 28, "2026-11-30", "2026-12-01", TestName = "{m}(Saturday)")]
    [TestCase(2026, 11, 29, "2026-12-01", "2026-12-02", TestName = "{m}(Sunday)")]
    [TestCase(2026, 11, 27, "2026-11-30", "2026-12-01", TestName = "{m}(Friday)")]
    [TestCase(2026, 11, 25, "2026-11-27", "2026-11-30", TestName = "{m}(Wednesday)")]
    public void Two_weekdays_ahead_and_the_next_one_are_two_different_weekdays_in_order(int year, int month, int day, string first, string next)
    {
        var now = Utc(year, month, day, 10);
        var date = TestCalendar.Weekday(now, 2);
        var after = TestCalendar.WeekdayAfter(date);
        Assert.Multiple(() =>
        {
            Assert.That(date, Is.EqualTo(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(after, Is.EqualTo(DateOnly.Parse(next, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(after, Is.GreaterThan(date));
            Assert.That(new[] { date.DayOfWeek, after.DayOfWeek }, Has.None.EqualTo(DayOfWeek.Saturday).And.None.EqualTo(DayOfWeek.Sunday));
        });
    }

    [Test]
    public void Today_is_the_paris_date_which_at_23_30_in_paris_is_not_the_utc_one_in_summer()
    {
        var winterEvening = Utc(2026, 11, 27, 22, 30);   // Friday 23:30 in Paris
        var summerNight = Utc(2026, 6, 12, 22, 30);      // Friday 22:30 UTC, Saturday 00:30 in Paris
        Assert.Multiple(() =>
        {
            Assert.That(TestCalendar.Today(winterEvening, Paris), Is.EqualTo(new DateOnly(2026, 11, 27)));
            Assert.That(TestCalendar.Weekday(winterEvening, 0), Is.EqualTo(new DateOnly(2026, 11, 27)));
            Assert.That(TestCalendar.Today(summerNight, Paris), Is.EqualTo(new DateOnly(2026, 6, 13)));
            Assert.That(TestCalendar.Weekday(summerNight, 0), Is.EqualTo(new DateOnly(2026, 6, 15)), "already the weekend in Paris");
        });
    }

    [Test]
    public void Paris_wall_clock_times_carry_the_offset_of_their_date()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BookingApi.Paris(new DateOnly(2027, 3, 27), 9), Is.EqualTo(new DateTimeOffset(2027, 3, 27, 9, 0, 0, TimeSpan.FromHours(1))));
            Assert.That(BookingApi.Paris(new DateOnly(2027, 3, 29), 9), Is.EqualTo(new DateTimeOffset(2027, 3, 29, 9, 0, 0, TimeSpan.FromHours(2))));
        });
    }

    [Test]
    public void The_desk_is_open_only_on_weekdays_within_paris_hours_in_winter_and_in_summer()
    {
        var from = new TimeOnly(7, 31);
        var to = new TimeOnly(18, 25);
        Assert.Multiple(() =>
        {
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 12, 1, 17, 0), Paris, from, to), Is.True, "Tuesday 18:00 in Paris (winter)");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 6, 16, 17, 0), Paris, from, to), Is.False, "Tuesday 19:00 in Paris (summer)");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 6, 16, 6, 0), Paris, from, to), Is.True, "Tuesday 08:00 in Paris (summer)");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 12, 1, 6, 0), Paris, from, to), Is.False, "Tuesday 07:00 in Paris (winter)");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 11, 28, 10, 0), Paris, from, to), Is.False, "Saturday");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 11, 29, 10, 0), Paris, from, to), Is.False, "Sunday");
            Assert.That(TestCalendar.IsWeekdayBetween(Utc(2026, 11, 27, 22, 30), Paris, from, to), Is.False, "Friday 23:30 in Paris");
        });
    }

    [TestCase(2026, 12, 1)]
    [TestCase(2027, 3, 28)]
    [TestCase(2027, 7, 1)]
    [TestCase(2027, 10, 31)]
    [TestCase(2027, 11, 3)]
    public void At_every_half_hour_of_a_day_some_zone_is_in_the_middle_of_its_day(int year, int month, int day)
    {
        var late = Enumerable.Range(0, 48)
            .Select(i => Utc(year, month, day, 0).AddMinutes(30 * i))
            .Select(now => (now, local: TimeZoneInfo.ConvertTime(now, TestCalendar.ZoneAtMidday(now)).TimeOfDay))
            .Where(x => x.local < TimeSpan.FromHours(7) || x.local > TimeSpan.FromHours(17))
            .ToList();
        Assert.That(late, Is.Empty);
    }

    [Test]
    public void The_next_clock_changes_are_the_sundays_after_today_even_on_the_day_of_a_change()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TestCalendar.NextClockChanges(Utc(2026, 11, 29, 8), Paris), Is.EqualTo((new DateOnly(2027, 3, 28), new DateOnly(2027, 10, 31))));
            Assert.That(TestCalendar.NextClockChanges(Utc(2027, 3, 28, 8), Paris), Is.EqualTo((new DateOnly(2028, 3, 26), new DateOnly(2027, 10, 31))));
            Assert.That(TestCalendar.NextClockChanges(Utc(2027, 3, 27, 23, 30), Paris).Forward, Is.EqualTo(new DateOnly(2028, 3, 26)), "00:30 on the day in Paris: the day is today");
        });
    }
}
