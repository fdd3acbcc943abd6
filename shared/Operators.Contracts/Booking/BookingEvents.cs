namespace Operators.Contracts.Booking;

/// <summary>
/// A booking holds its capacity. <paramref name="AllowanceUsed"/> is in the allowance's unit (desk days or
/// room hours, per <paramref name="AllowanceKind"/>); <paramref name="Charge"/> is what is billable beyond
/// it, excluding VAT, at <paramref name="VatRate"/>. <paramref name="DayPassId"/> is set when the booking is a day pass's seat:
/// the pass is billed as such (<see cref="DayPassSold"/>, or paid online), never as a booking charge.
/// <paramref name="ByTheHour"/>: a room booked for hours (else a seat for the day).
/// </summary>
public sealed record BookingConfirmed(
    Guid BookingId,
    Guid ResourceId,
    string ResourceName,
    Guid? MemberId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Seats,
    string? AllowanceKind,
    decimal AllowanceUsed,
    Money Charge,
    decimal VatRate,
    Guid? DayPassId = null,
    bool ByTheHour = false);

/// <summary>
/// A booking was cancelled; <paramref name="Fee"/> is billable (excl. VAT) per the cancellation policy, instead of the
/// booking's charge. <paramref name="DayPassId"/>: the booking was a day pass's seat.
/// </summary>
public sealed record BookingCancelled(Guid BookingId, Guid? MemberId, Money Fee, decimal VatRate, bool AllowanceRefunded, DateTimeOffset CancelledAt, Guid? DayPassId = null);

public sealed record BookingCheckedIn(Guid BookingId, Guid? MemberId, DateTimeOffset CheckedInAt);

/// <summary>Nobody came within the grace period: the capacity is freed for the rest of the day.</summary>
public sealed record BookingNoShow(Guid BookingId, Guid? MemberId, DateTimeOffset MarkedAt);

/// <summary>A day pass sold at the desk and paid there (<paramref name="PaidWith"/>): billing records the sale.</summary>
public sealed record DayPassSold(
    Guid DayPassId,
    Guid BookingId,
    DateOnly Date,
    Guest? Guest,
    Guid? MemberId,
    Money Price,
    decimal VatRate,
    string PaidWith);

/// <summary>
/// A guest asked for a day pass online: a seat is held until <paramref name="HoldExpiresAt"/>, waiting for payment.
/// <paramref name="ReturnUrl"/>: the pass's page, where the guest comes back after paying. <paramref name="MemberId"/>:
/// a member buying for themselves.
/// </summary>
public sealed record DayPassRequested(
    Guid DayPassId,
    Guid BookingId,
    DateOnly Date,
    Guest Guest,
    Money Price,
    decimal VatRate,
    DateTimeOffset HoldExpiresAt,
    string? ReturnUrl = null,
    Guid? MemberId = null);

/// <summary>
/// A payment for a held day pass arrived after its hold ended (the seat may be gone): the pass stays released, and the
/// money is to be given back (billing credits the pass's invoice and refunds the payment).
/// </summary>
public sealed record DayPassPaymentRefused(Guid DayPassId, Guid PaymentId, string Reason);

public sealed record Guest(string Name, string Email);
