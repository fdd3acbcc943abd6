using Operators.Contracts;

namespace Operators.Membership.Subscriptions;

/// <summary>A span of the space's days, [<see cref="Start"/>, <see cref="End"/>): the end is the first day after it.</summary>
public readonly record struct DaySpan(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>The last day of the span, as people read a period ("du 31/01 au 27/02").</summary>
    public DateOnly LastDay => End.AddDays(-1);
}

/// <summary>
/// Anniversary billing, in the space's days. Period n of an anchor runs from the anchor plus n months to the
/// anchor plus n + 1 months, each bound counted from the anchor itself and clamped to its month's length
/// (31 January → 28/29 February → 31 March → 30 April): periods never drift after a short month.
/// Amounts for part of a period are prorated by day within that period and rounded half away from zero to the cent.
/// </summary>
public static class AnniversaryPeriods
{
    /// <summary>The anchor plus <paramref name="months"/>, clamped to the month's length (<see cref="DateOnly.AddMonths"/> does exactly that).</summary>
    public static DateOnly Boundary(DateOnly anchor, int months) => anchor.AddMonths(months);

    public static DaySpan Period(DateOnly anchor, int number) => new(Boundary(anchor, number), Boundary(anchor, number + 1));

    /// <summary>The number of the period that holds <paramref name="day"/> (negative before the anchor is not asked for: 0 then).</summary>
    public static int NumberOn(DateOnly anchor, DateOnly day)
    {
        if (day <= anchor)
        {
            return 0;
        }

        var n = ((day.Year - anchor.Year) * 12) + day.Month - anchor.Month;
        while (n > 0 && Boundary(anchor, n) > day)
        {
            n--;
        }

        while (Boundary(anchor, n + 1) <= day)
        {
            n++;
        }

        return n;
    }

    /// <summary><paramref name="monthlyPrice"/> × days / days of <paramref name="period"/>, for <paramref name="days"/> of it.</summary>
    public static decimal Prorate(decimal monthlyPrice, int days, DaySpan period) =>
        days >= period.Days ? monthlyPrice : Money.Round(monthlyPrice * days / period.Days);

    /// <summary>
    /// [<paramref name="from"/>, <paramref name="to"/>) cut along the anchor's periods, each piece with its prorated
    /// amount (a commitment's remaining months, say: full months at the monthly price, a part prorated in its own period).
    /// </summary>
    public static IEnumerable<(DaySpan Piece, decimal Amount)> Slice(DateOnly anchor, DateOnly from, DateOnly to, decimal monthlyPrice)
    {
        var day = from;
        while (day < to)
        {
            var period = Period(anchor, NumberOn(anchor, day));
            var end = period.End < to ? period.End : to;
            var piece = new DaySpan(day, end);
            yield return (piece, Prorate(monthlyPrice, piece.Days, period));
            day = end;
        }
    }
}
