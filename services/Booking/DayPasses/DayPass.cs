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

    /// <summary>Bought online: the Stripe page billing opened for it, once billing answered.</summary>
    public string? CheckoutUrl { get; set; }

    /// <summary>Bought online in a space that takes no online payment: paid at the desk, confirmed by an operator.</summary>
    public bool PayAtDesk { get; set; }

    /// <summary>Bought online: the secret that lets the guest (who has no account) read the pass's status.</summary>
    public string? AccessKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
