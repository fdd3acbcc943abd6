using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Events;

public sealed class CommunityEvent : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    public int Capacity { get; set; }

    /// <summary>The room booking made for it, through the same capacity rules as any booking.</summary>
    public Guid? RoomBookingId { get; set; }

    public Guid? RoomId { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>How many are coming; kept on the row so that the row lock serializes RSVPs.</summary>
    public int Attending { get; set; }
}

public sealed class Rsvp : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; set; }

    public Guid MemberId { get; set; }

    public bool Cancelled { get; set; }

    public DateTime CreatedAt { get; set; }
}
