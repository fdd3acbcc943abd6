using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

    /// <summary>A problem document; a refusal about one field is a validation problem (<c>errors: {field: [detail]}</c>).</summary>
    public ProblemHttpResult ToResult()
    {
        var problem = Field is not null
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field] = [Detail] }) { Status = StatusCodes.Status400BadRequest }
            : new ProblemDetails { Status = Status, Detail = Detail };
        if (Code is not null)
        {
            problem.Extensions["code"] = Code;
        }

        return TypedResults.Problem(problem);
    }
}
