using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Operators.ServiceDefaults.Security;

namespace Operators.ServiceDefaults.Http;

/// <summary>The problem documents endpoints answer with, so every service words them the same way.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult NotFound(string? detail = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: detail ?? "No such space, or no such object in it.");

    /// <summary>401 for nobody, 403 for somebody whose roles do not allow it.</summary>
    public static ProblemHttpResult Denied(bool signedIn, string detail) =>
        TypedResults.Problem(statusCode: signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, detail: detail);

    /// <summary>
    /// 401 for nobody; 404 for somebody holding no role in the space (to them its objects do not exist, exactly as
    /// another space's); 403 for one of its people whose roles do not allow it.
    /// </summary>
    public static ProblemHttpResult Denied(Caller caller, string detail)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSignedIn && caller.Roles.Count == 0 ? NotFound() : Denied(caller.IsSignedIn, detail);
    }

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: detail);

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Runs a FluentValidation validator; null when the body is valid.</summary>
    public static async Task<ValidationProblem?> ValidateBodyAsync<T>(this IValidator<T> validator, T? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (body is null)
        {
            return Validation("body", "A JSON body is required.");
        }

        var result = await validator.ValidateAsync(body, cancellationToken);
        return result.IsValid
            ? null
            : TypedResults.ValidationProblem(result.ToDictionary());
    }
}
