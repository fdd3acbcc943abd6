using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Operators.ServiceDefaults.Http;

namespace Operators.ServiceDefaults.Security;

/// <summary>Who may call an endpoint, in the space of the request (see <see cref="Caller"/> for what each role includes).</summary>
public enum SpaceAccess
{
    /// <summary>Anyone signed in; what they may see is the handler's business (their own booking, say).</summary>
    SignedIn,

    /// <summary>Anyone holding a role in the space.</summary>
    Member,

    Operator,

    Treasurer,

    Owner,
}

public static class SpaceRoleEndpoints
{
    /// <summary>
    /// Lets through only callers with <paramref name="access"/>. Others get 401 when nobody is signed in; for a role,
    /// a signed-in person holding no role in this space gets the same 404 as a missing object (the space's objects
    /// do not exist for them, exactly as another space's), and one of its people whose roles do not allow it a 403
    /// saying <paramref name="denied"/>. The route's OpenAPI entry lists these answers.
    /// </summary>
    public static TBuilder RequireSpaceRole<TBuilder>(this TBuilder builder, SpaceAccess access, string denied)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(denied);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = Caller.From(context.HttpContext.User);
            if (!caller.Holds(access))
            {
                return access == SpaceAccess.SignedIn ? ProblemResults.Denied(false, denied) : ProblemResults.Denied(caller, denied);
            }

            return await next(context);
        });
        builder.WithMetadata(Problem(StatusCodes.Status401Unauthorized));
        if (access != SpaceAccess.SignedIn)
        {
            builder.WithMetadata(Problem(StatusCodes.Status403Forbidden), Problem(StatusCodes.Status404NotFound));
        }

        return builder;
    }

    /// <summary>A problem document this route may answer with, for its OpenAPI entry.</summary>
    public static ProducesResponseTypeMetadata Problem(int status) =>
        new(status, typeof(ProblemDetails), ["application/problem+json"]);
}
