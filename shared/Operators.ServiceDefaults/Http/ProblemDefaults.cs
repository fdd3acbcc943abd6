using Microsoft.AspNetCore.Http;

namespace Operators.ServiceDefaults.Http;

/// <summary>Fills in what every problem document should say, whichever part of the framework wrote it.</summary>
public static class ProblemDefaults
{
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Instance ??= request.PathBase + request.Path;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in first: this needs a valid bearer token.",
            StatusCodes.Status403Forbidden => "Your roles do not allow this.",
            StatusCodes.Status404NotFound => "No such route or object.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed here.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
            _ => null,
        };
    }
}
