using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Operators.Gateway.People;
using Operators.ServiceDefaults.Http;
using Operators.Tenancy;

namespace Operators.Gateway.Forwarding;

/// <summary>
/// The standalone host's edge: the services' modules run in this process, so instead of proxying, the request
/// itself is rewritten exactly as YARP would rewrite it — client credentials and tenant headers removed, the
/// internal token put in their place — and the service module's own routes then authenticate it as usual.
/// A request the gateway sends itself through the pipeline (<see cref="InProcessServiceCall"/>) is already one.
/// </summary>
public sealed class InProcessForwarding(ServiceRoutes routes, ITenantContext tenants, SpacePeople people) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var service = ServiceRoutes.ServiceOf(context.Request.Path);
        if (service is null || context.Features.Get<InProcessServiceCall>() is not null)
        {
            // Not a service's route; or the gateway's own call, which already carries the internal token it minted.
            await next(context);
            return;
        }

        if (tenants.Tenant is not { } tenant)
        {
            await ProblemResults.NotFound().ExecuteAsync(context);
            return;
        }

        var user = (await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Principal;
        var token = await routes.InternalTokenAsync(service, tenant, user, people, context.RequestAborted);
        ServiceRoutes.Strip(context.Request.Headers);
        context.Request.Headers.Authorization = ServiceRoutes.Bearer(token);
        await next(context);
    }
}
