namespace Operators.Testing;

/// <summary>
/// Dates and times as a space sees them, computed from an explicit "now". Tests run on any day at any hour, so
/// every "today", "next weekday" or "is the desk open" is worked out here, in the space's time zone (never the
/// machine's or UTC's date), and unit-tested for weekends, late evenings and daylight-saving changes.
/// </summary>
public static class TestCalendar
{
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// Zones whose offsets are at most nine hours apart around the clock (their clocks change at night, never at
    /// midnight): at any instant one of them is in the middle of its day.
    /// </summary>
    private static readonly TimeZoneInfo[] AroundTheWorld =
        [.. new[] { "Asia/Tokyo", "Europe/Paris", "America/Los_Angeles" }.Select(TimeZoneInfo.FindSystemTimeZoneById)];

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The first Monday to Friday (the days every new space opens) at least <paramref name="daysAhead"/> days after today in <paramref name="zone"/> (Paris when not given).</summary>
    public static DateOnly Weekday(DateTimeOffset now, int daysAhead, TimeZoneInfo? zone = null) =>
        FirstWeekdayFrom(Today(now, zone ?? Paris).AddDays(daysAhead));

    /// <summary>The first Monday to Friday strictly after <paramref name="date"/>.</summary>
    public static DateOnly WeekdayAfter(DateOnly date) => FirstWeekdayFrom(date.AddDays(1));

    /// <summary>A wall-clock time on a date in a zone, as an instant with that moment's offset.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Whether, at <paramref name="now"/>, it is Monday to Friday in <paramref name="zone"/> and the local time is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool IsWeekdayBetween(DateTimeOffset now, TimeZoneInfo zone, TimeOnly from, TimeOnly to)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && from <= time && time < to;
    }

    /// <summary>
    /// A zone where <paramref name="now"/> is between 07:00 and 17:00: a space there can be open all of "today"
    /// with its day well begun and far from over, whatever the hour the tests run.
    /// </summary>
    public static TimeZoneInfo ZoneAtMidday(DateTimeOffset now) =>
        AroundTheWorld.MinBy(zone => Math.Abs((TimeZoneInfo.ConvertTime(now, zone).TimeOfDay - TimeSpan.FromHours(12)).Ticks))!;

    /// <summary>The next days after today on which <paramref name="zone"/>'s clocks go forward and back (the offset at the next midnight differs).</summary>
    public static (DateOnly Forward, DateOnly Back) NextClockChanges(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly? forward = null, back = null;
        var day = Today(now, zone).AddDays(1);
        for (var i = 0; i < 2 * 366 && (forward is null || back is null); i++, day = day.AddDays(1))
        {
            var change = zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) - zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue));
            if (change > TimeSpan.Zero)
            {
                forward ??= day;
            }
            else if (change < TimeSpan.Zero)
            {
                back ??= day;
            }
        }

        return (forward ?? throw new InvalidOperationException($"{zone.Id} does not change its clocks."),
            back ?? throw new InvalidOperationException($"{zone.Id} does not change its clocks back."));
    }

    private static DateOnly FirstWeekdayFrom(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
