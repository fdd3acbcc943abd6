using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Bookings;

/// <summary>The first answer to a request sent with an <c>Idempotency-Key</c>, replayed to its retries.</summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The caller's id, or "anonymous": keys are per caller.</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseJson { get; set; }

    public string? Location { get; set; }

    public DateTime CreatedAt { get; set; }
}
