using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts;

namespace Operators.Booking.Bookings;

/// <summary>
/// <c>POST /bookings</c>. Day resources (pools, desks, offices) take a <c>date</c> (or a <c>start</c> on that
/// day) and hold the day's opening hours; rooms take <c>start</c> and <c>end</c>.
/// </summary>
public sealed record CreateBookingRequest(Guid? ResourceId, DateTimeOffset? Start, DateTimeOffset? End, DateOnly? Date, int? Seats, Guid? MemberId);

/// <summary>What a handler placing or changing bookings needs, bound as one parameter (<c>[AsParameters]</c>).</summary>
public sealed record BookingServices(
    [FromServices] BookingDbContext Db,
    [FromServices] BookingPlanner Planner,
    [FromServices] BookingTransaction Transaction,
    [FromServices] SpaceCalendar Calendar);

public sealed class CreateBookingValidator : AbstractValidator<CreateBookingRequest>
{
    public CreateBookingValidator()
    {
        RuleFor(r => r.ResourceId).NotNull();
        RuleFor(r => r.Start).NotNull().When(r => r.Date is null).WithMessage("Give a 'date' (day resources) or a 'start' and an 'end'.");
        RuleFor(r => r.End).GreaterThan(r => r.Start).When(r => r.Start is not null && r.End is not null).WithMessage("The end must be after the start.");
        RuleFor(r => r.Seats).GreaterThanOrEqualTo(1).When(r => r.Seats is not null);
        RuleFor(r => r.Date).WithinLimits();
        RuleFor(r => r.Start).WithinLimits();
        RuleFor(r => r.End).WithinLimits();
    }
}

public sealed record BookingResponse(
    string Id,
    string ResourceId,
    string? MemberId,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateOnly Date,
    int Seats,
    BookingStatus Status,
    string? AllowanceKind,
    decimal AllowanceUsed,
    Money Charge,
    string? DayPassId,
    string? EventId)
{
    public static BookingResponse From(Booking b, TimeZoneInfo zone, string? allowanceKind) => new(
        b.Id.ToString(),
        b.ResourceId.ToString(),
        b.MemberId?.ToString(),
        SpaceDay.ToLocalOffset(b.Start, zone),
        SpaceDay.ToLocalOffset(b.End, zone),
        b.Date,
        b.Seats,
        b.Status,
        b.AllowanceUsed > 0 ? allowanceKind : null,
        b.AllowanceUsed,
        new Money(b.ChargeAmount, b.Currency),
        b.DayPassId?.ToString(),
        b.EventId?.ToString());
}

/// <summary>What cancelling a booking now would do: <paramref name="FreeUntil"/> is the last moment to cancel for free.</summary>
public sealed record CancellationQuoteResponse(string Id, bool Cancellable, Money Fee, bool Free, bool AllowanceRefunded, DateTimeOffset FreeUntil);

public sealed record CancellationResponse(string Id, BookingStatus Status, Money Fee, bool AllowanceRefunded);
