using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Operators.Tenancy.Resolution;

/// <summary>
/// Endpoint filter for a service's routes: the space comes from the internal token's tenant claim. When the
/// edge already resolved a space in this process (standalone host), the claim must name that same space.
/// No claim, or a claim naming no active space, is a 404 — exactly like a missing object.
/// </summary>
public sealed class RequireTenantFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var services = http.RequestServices;
        var tenants = services.GetRequiredService<ITenantContext>();
        var claimed = new ClaimTenantStrategy().Identify(http);

        if (claimed is null || !Guid.TryParse(claimed, out var claimedId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such space, or no such object in it.");
        }

        if (tenants.TenantId is { } current)
        {
            return current == claimedId
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such space, or no such object in it.");
        }

        var tenant = await services.GetRequiredService<ITenantStore>().FindAsync(claimed, http.RequestAborted);
        if (tenant is not { Status: TenantStatus.Active })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such space, or no such object in it.");
        }

        using (tenants.Change(tenant))
        {
            return await next(context);
        }
    }
}
