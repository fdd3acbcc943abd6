using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Schedule;

/// <summary>One opening period of a weekday, in the space's local time (several make a day with a lunch break).</summary>
public sealed class OpeningPeriod : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public DayOfWeek Day { get; set; }

    public TimeOnly Open { get; set; }

    public TimeOnly Close { get; set; }
}

/// <summary>A date the space is closed (holiday, event), whatever the weekly schedule says.</summary>
public sealed class Closure : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    public required string Reason { get; set; }
}
