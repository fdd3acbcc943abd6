namespace Operators.Booking.Bookings;

/// <summary>
/// Why a booking cannot be made, worded for the person who asked, with a stable <see cref="Code"/> (a problem
/// document extension) so a client can explain it in the person's own language.
/// </summary>
public sealed record BookingRefusal(int Status, string Detail, string? Field = null, string? Code = null)
{
    public static BookingRefusal Invalid(string field, string detail, string code) => new(StatusCodes.Status400BadRequest, detail, field, code);

    public static BookingRefusal Full(string detail, string code = "full") => new(StatusCodes.Status409Conflict, detail, null, code);

    public static BookingRefusal NotFound() => new(StatusCodes.Status404NotFound, "No such space, or no such object in it.");

    public static BookingRefusal Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public IResult ToResult()
    {
        var extensions = Code is null ? null : new Dictionary<string, object?> { ["code"] = Code };
        return Field is not null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field] = [Detail] }, extensions: extensions)
            : TypedResults.Problem(statusCode: Status, detail: Detail, extensions: extensions);
    }
}
