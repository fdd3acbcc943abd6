using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Operators.Tenancy.Resolution;

/// <summary>
/// Resolves the space of every request before routing. An identifier that names no active space ends the
/// request with a 404 problem document: a request never continues in a default space.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantResolver resolver, ITenantContextSetter setter, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(setter);
        ArgumentNullException.ThrowIfNull(problems);

        var resolution = await resolver.ResolveAsync(context);
        switch (resolution.Outcome)
        {
            case TenantResolutionOutcome.None:
                setter.Set(null);
                await next(context);
                return;
            case TenantResolutionOutcome.NotFound:
                await WriteSpaceNotFound(context, problems);
                return;
            default:
                resolution.Strategy!.OnResolved(context);
                setter.Set(resolution.Tenant);
                try
                {
                    await next(context);
                }
                finally
                {
                    setter.Set(null);
                }

                return;
        }
    }

    internal static async Task WriteSpaceNotFound(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not Found",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                Detail = "No such space, or no such object in it.",
            },
        });
    }
}
