using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Calendar;

/// <summary>A member's secret feed address. Rotating revokes the old token.</summary>
public sealed class CalendarFeed : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string Token { get; set; }

    public DateTime CreatedAt { get; set; }
}
