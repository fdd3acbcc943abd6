using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy.Resolution;

namespace Operators.ServiceDefaults.Spaces;

/// <summary>What every service behind the gateway is made of before its own features.</summary>
public static class SpaceServiceModule
{
    /// <summary>
    /// Its database (both providers), outbox, tenant store over the spaces it provisioned, the internal-token
    /// scheme for its audience, and its provisioning consumer.
    /// </summary>
    public static IHostApplicationBuilder AddSpaceService<TContext, TSqlite, TPostgres, TProvisioning>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TProvisioning : class, IConsumer<SpaceProvisioningRequested>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        builder.AddServiceDatabase<TContext, TSqlite, TPostgres>(name);
        builder.Services.AddOutbox<TContext>(builder.Configuration);
        builder.AddProvisionedSpaceStore<TContext>();
        builder.AddInternalAuthentication(name.ToLowerInvariant());
        builder.AddConsumer<TProvisioning, SpaceProvisioningConsumerDefinition<TProvisioning>>();
        return builder;
    }

    /// <summary>The service's route group <c>/api/{audience}</c>: internal token for this audience, a space, and <c>GET /space</c>.</summary>
    public static RouteGroupBuilder MapSpaceServiceApi<TContext>(this IEndpointRouteBuilder app, string name)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(name);
        var audience = name.ToLowerInvariant();
        var api = app.MapGroup("/api/" + audience)
            .RequireInternalToken(audience)
            .RequireTenant()
            .WithTags(name)
            // Every route lives in a space: an unknown one (or another's object) is this same 404.
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapProvisionedSpace<TContext>();
        return api;
    }
}
