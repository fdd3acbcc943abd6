using Operators.Booking.Schedule;

namespace Operators.Booking.Tests.Rules;

/// <summary>A space's day in its time zone, in process: opening periods as UTC instants, closures, daylight-saving Sundays.</summary>
public sealed class SpaceDayTests
{
    private static readonly TimeZoneInfo Paris = TestCalendar.Paris;
    private static readonly DateOnly Wednesday = new(2026, 12, 2);
    private static readonly DateOnly SpringForward = new(2027, 3, 28);
    private static readonly DateOnly FallBack = new(2027, 10, 31);

    private static OpeningPeriod Open(DayOfWeek day, int openHour, int openMinute, int closeHour, int closeMinute) =>
        new() { Day = day, Open = new TimeOnly(openHour, openMinute), Close = new TimeOnly(closeHour, closeMinute) };

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Test]
    public void A_day_with_a_lunch_break_spans_first_opening_to_last_closing_and_holds_slots_only_within_one_period()
    {
        // Given out of order, as rows come from the database.
        var day = SpaceDay.For(Wednesday, Paris, [Open(DayOfWeek.Wednesday, 14, 0, 18, 30), Open(DayOfWeek.Wednesday, 8, 30, 12, 0)], []);

        Assert.Multiple(() =>
        {
            Assert.That(day.IsOpen, Is.True);
            Assert.That(day.ClosedBecause, Is.Null);
            Assert.That(day.Span, Is.EqualTo((Utc(2026, 12, 2, 7, 30), Utc(2026, 12, 2, 17, 30))));
            Assert.That(day.Contains(Utc(2026, 12, 2, 7, 30), Utc(2026, 12, 2, 11, 0)), Is.True, "a whole period, edges included");
            Assert.That(day.Contains(Utc(2026, 12, 2, 10, 0), Utc(2026, 12, 2, 14, 0)), Is.False, "across the lunch break");
            Assert.That(day.Contains(Utc(2026, 12, 2, 7, 0), Utc(2026, 12, 2, 8, 0)), Is.False, "before opening");
            Assert.That(day.Contains(Utc(2026, 12, 2, 17, 0), Utc(2026, 12, 2, 17, 31)), Is.False, "past closing");
        });
    }

    [Test]
    public void A_closure_wins_over_the_weekly_schedule_and_gives_its_reason()
    {
        var day = SpaceDay.For(Wednesday, Paris, [Open(DayOfWeek.Wednesday, 8, 30, 18, 30)], [new Closure { Date = Wednesday, Reason = "Fête du village" }, new Closure { Date = Wednesday.AddDays(1), Reason = "Other" }]);
        Assert.Multiple(() =>
        {
            Assert.That(day.IsOpen, Is.False);
            Assert.That(day.ClosedBecause, Is.EqualTo("Fête du village"));
        });
    }

    [Test]
    public void A_weekday_without_periods_is_closed_naming_the_day_and_empty_periods_are_ignored()
    {
        var saturday = SpaceDay.For(new DateOnly(2026, 12, 5), Paris, [Open(DayOfWeek.Wednesday, 8, 30, 18, 30)], []);
        var backwards = SpaceDay.For(Wednesday, Paris, [Open(DayOfWeek.Wednesday, 18, 0, 9, 0), Open(DayOfWeek.Wednesday, 10, 0, 10, 0)], []);
        Assert.Multiple(() =>
        {
            Assert.That(saturday.IsOpen, Is.False);
            Assert.That(saturday.ClosedBecause, Is.EqualTo("closed on saturdays"));
            Assert.That(backwards.IsOpen, Is.False);
            Assert.That(backwards.ClosedBecause, Is.EqualTo("closed on wednesdays"));
        });
    }

    [Test]
    public void On_the_spring_forward_sunday_01_00_to_05_00_lasts_three_hours()
    {
        var day = SpaceDay.For(SpringForward, Paris, [Open(DayOfWeek.Sunday, 1, 0, 5, 0)], []);
        Assert.Multiple(() =>
        {
            Assert.That(day.Span, Is.EqualTo((Utc(2027, 3, 28, 0, 0), Utc(2027, 3, 28, 3, 0))));
            Assert.That(SpaceDay.ToLocalOffset(day.Span.Start, Paris).Offset, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(SpaceDay.ToLocalOffset(day.Span.End, Paris).Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }

    [Test]
    public void On_the_fall_back_sunday_01_00_to_05_00_lasts_five_hours()
    {
        var day = SpaceDay.For(FallBack, Paris, [Open(DayOfWeek.Sunday, 1, 0, 5, 0)], []);
        Assert.That(day.Span, Is.EqualTo((Utc(2027, 10, 30, 23, 0), Utc(2027, 10, 31, 4, 0))));
    }

    [Test]
    public void A_time_skipped_by_the_spring_forward_moves_past_the_gap()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SpaceDay.ToUtc(SpringForward, new TimeOnly(2, 0), Paris), Is.EqualTo(Utc(2027, 3, 28, 1, 0)), "02:00 does not exist: 03:00");
            Assert.That(SpaceDay.ToUtc(SpringForward, new TimeOnly(2, 30), Paris), Is.EqualTo(Utc(2027, 3, 28, 1, 0)), "02:30 does not exist: 03:00");
            Assert.That(SpaceDay.ToUtc(SpringForward, new TimeOnly(3, 0), Paris), Is.EqualTo(Utc(2027, 3, 28, 1, 0)));
        });
    }

    [Test]
    public void A_time_repeated_by_the_fall_back_is_read_as_the_later_winter_time()
    {
        Assert.That(SpaceDay.ToUtc(FallBack, new TimeOnly(2, 30), Paris), Is.EqualTo(Utc(2027, 10, 31, 1, 30)));
    }

    [Test]
    public void The_local_date_is_the_spaces_not_utcs_near_midnight()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SpaceDay.LocalDate(Utc(2026, 11, 27, 23, 30), Paris), Is.EqualTo(new DateOnly(2026, 11, 28)), "Friday 23:30 UTC is Saturday in Paris");
            Assert.That(SpaceDay.LocalDate(Utc(2026, 6, 12, 22, 0), Paris), Is.EqualTo(new DateOnly(2026, 6, 13)), "in summer from 22:00 UTC");
            Assert.That(SpaceDay.LocalDate(Utc(2026, 12, 31, 23, 0), Paris), Is.EqualTo(new DateOnly(2027, 1, 1)), "a new year starts in Paris first");
            Assert.That(SpaceDay.LocalDate(Utc(2026, 12, 31, 22, 59), Paris), Is.EqualTo(new DateOnly(2026, 12, 31)));
        });
    }

    [Test]
    public void Instants_are_shown_with_the_offset_of_their_own_moment()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SpaceDay.ToLocalOffset(Utc(2027, 7, 1, 10, 0), Paris), Is.EqualTo(new DateTimeOffset(2027, 7, 1, 12, 0, 0, TimeSpan.FromHours(2))));
            Assert.That(SpaceDay.ToLocalOffset(Utc(2027, 12, 1, 10, 0), Paris), Is.EqualTo(new DateTimeOffset(2027, 12, 1, 11, 0, 0, TimeSpan.FromHours(1))));
        });
    }
}
