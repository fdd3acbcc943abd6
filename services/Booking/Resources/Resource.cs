using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Resources;

public enum ResourceKind
{
    /// <summary>A hot-desk pool: <see cref="Resource.Capacity"/> interchangeable seats, booked by the day.</summary>
    DeskPool,

    /// <summary>A fixed desk: exclusive, booked by the day.</summary>
    Desk,

    /// <summary>A meeting room: exclusive, booked by the hour; capacity is how many people fit.</summary>
    Room,

    /// <summary>A private office: exclusive, booked by the day.</summary>
    Office,
}

public enum BookableBy
{
    Members,
    Everyone,
}

public sealed class Resource : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public ResourceKind Kind { get; set; }

    public int Capacity { get; set; }

    public decimal? PricePerDay { get; set; }

    public decimal? PricePerHour { get; set; }

    public decimal VatRate { get; set; }

    public BookableBy BookableBy { get; set; } = BookableBy.Members;

    public List<string> Amenities { get; set; } = [];

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>Pools share seats; every other kind is held by one booking at a time.</summary>
    public bool IsExclusive => Kind != ResourceKind.DeskPool;

    /// <summary>Rooms are booked by the hour, everything else by the day.</summary>
    public bool IsBookedByTheHour => Kind == ResourceKind.Room;
}
