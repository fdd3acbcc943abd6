using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operators.Tenancy;
using Operators.Tenancy.Resolution;

namespace Operators.ServiceDefaults.Spaces;

public static class SpaceServiceExtensions
{
    /// <summary>A service offers its own record of the spaces it provisioned as the tenant store (the standalone host chooses the gateway's).</summary>
    public static IHostApplicationBuilder AddProvisionedSpaceStore<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTenantStore<ProvisionedSpaceStore<TContext>>();
        return builder;
    }

    /// <summary><c>GET /space</c> in a module group: the service's own view of the current space.</summary>
    public static RouteGroupBuilder MapProvisionedSpace<TContext>(this RouteGroupBuilder group)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(group);
        // Resolved from the request's services: the route analyzer cannot follow a generic handler's parameters.
        group.MapGet("/space", (Delegate)((HttpContext http) => GetSpaceAsync(
            http.RequestServices.GetRequiredService<TContext>(),
            http.RequestServices.GetRequiredService<ITenantContext>(),
            http.RequestAborted)));
        return group;
    }

    private static async Task<Results<Ok<ProvisionedSpaceResponse>, NotFound>> GetSpaceAsync<TContext>(TContext db, ITenantContext tenants, CancellationToken ct)
        where TContext : DbContext
    {
        var space = await db.Set<ProvisionedSpace>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == tenants.TenantId, ct);
        return space is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ProvisionedSpaceResponse(space.Id.ToString(), space.Slug, space.Name, space.Template, space.ProvisionedAt));
    }
}

public sealed record ProvisionedSpaceResponse(string Id, string Slug, string Name, string Template, DateTime ProvisionedAt);
