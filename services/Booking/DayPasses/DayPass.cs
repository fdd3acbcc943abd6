using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.DayPasses;

public enum DayPassStatus
{
    /// <summary>Bought online: the seat is held while the payment is awaited.</summary>
    Held,
    Confirmed,

    /// <summary>The payment failed or the hold expired: the seat is free again.</summary>
    Released,
}

public enum PaidWith
{
    Cash,
    Card,
    Cheque,
    BankTransfer,
    Online,
}

public sealed class DayPass : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid BookingId { get; set; }

    public DateOnly Date { get; set; }

    public string? GuestName { get; set; }

    public string? GuestEmail { get; set; }

    public Guid? MemberId { get; set; }

    public PaidWith PaidWith { get; set; }

    public DayPassStatus Status { get; set; }

    public decimal Price { get; set; }

    public required string Currency { get; set; }

    public decimal VatRate { get; set; }

    public DateTime? HoldExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }
}
