using Operators.ServiceDefaults.Spaces;

namespace Operators.Booking.Schedule;

/// <summary>
/// One day of a space, in its time zone: the opening periods as UTC instants. All day logic goes through
/// here so that daylight-saving changes are handled once, by <see cref="TimeZoneInfo"/>.
/// </summary>
public sealed record SpaceDay(DateOnly Date, TimeZoneInfo Zone, IReadOnlyList<(DateTime Start, DateTime End)> Periods, string? ClosedBecause)
{
    public bool IsOpen => Periods.Count > 0;

    /// <summary>The day as a day booking holds it: first opening to last closing.</summary>
    public (DateTime Start, DateTime End) Span => (Periods[0].Start, Periods[^1].End);

    public bool Contains(DateTime startUtc, DateTime endUtc) =>
        Periods.Any(p => p.Start <= startUtc && endUtc <= p.End);

    public static SpaceDay For(DateOnly date, TimeZoneInfo zone, IEnumerable<OpeningPeriod> weekly, IEnumerable<Closure> closures)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var closure = closures.FirstOrDefault(c => c.Date == date);
        if (closure is not null)
        {
            return new SpaceDay(date, zone, [], closure.Reason);
        }

        var periods = weekly.Where(p => p.Day == date.DayOfWeek)
            .OrderBy(p => p.Open)
            .Select(p => (ToUtc(date, p.Open, zone), ToUtc(date, p.Close, zone)))
            .Where(p => p.Item1 < p.Item2)
            .ToList();
        return new SpaceDay(date, zone, periods, periods.Count == 0 ? "closed on " + date.DayOfWeek.ToString().ToLowerInvariant() + "s" : null);
    }

    /// <summary>A local wall-clock time to UTC. A time skipped by a spring-forward is moved past the gap.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => SpaceDates.LocalDate(utc, zone);

    public static DateTimeOffset ToLocalOffset(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var asUtc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(asUtc).ToOffset(zone.GetUtcOffset(asUtc));
    }
}
