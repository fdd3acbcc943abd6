using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Operators.ServiceDefaults.Http;

/// <summary>Fills in what every problem document should say, whichever part of the framework wrote it.</summary>
public static class ProblemDefaults
{
    /// <summary>
    /// Problem documents for every error, whatever the client says it accepts: the framework's writer declines a
    /// request that accepts only HTML or XML, which left a bare text/plain 404 — or, where a problem had to be
    /// written, an empty 500. This writer comes after it and writes application/problem+json anyway.
    /// </summary>
    public static IServiceCollection AddProblemDocuments(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Complete);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, AnyClientProblemWriter>());
        return services;
    }

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

    /// <summary>The last problem writer: JSON for a client that accepts neither JSON nor <c>*/*</c>.</summary>
    private sealed class AnyClientProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<HttpJsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            // What the framework's own writer fills in, so both documents look the same.
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value) is { Length: > 0 } phrase ? phrase : null;
            problem.Type ??= TypeOf(problem.Status.Value);
            if (!problem.Extensions.ContainsKey("traceId"))
            {
                problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
            }

            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
        }

        private static string? TypeOf(int status) => status switch
        {
            400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
            409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            _ => null,
        };
    }
}
