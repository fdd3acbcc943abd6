using Operators.ServiceDefaults.Http;

namespace Operators.Booking.Bookings;

/// <summary>Why a booking cannot be made, worded for the person who asked.</summary>
public sealed record BookingRefusal(int Status, string Detail, string? Field = null)
{
    public static BookingRefusal Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, detail, field);

    public static BookingRefusal Full(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static BookingRefusal NotFound() => new(StatusCodes.Status404NotFound, "No such space, or no such object in it.");

    public static BookingRefusal Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public IResult ToResult() => Field is not null
        ? ProblemResults.Validation(Field, Detail)
        : TypedResults.Problem(statusCode: Status, detail: Detail);
}
