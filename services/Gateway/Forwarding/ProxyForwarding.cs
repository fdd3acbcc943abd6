using Operators.Gateway.People;
using Operators.ServiceDefaults.Http;
using Operators.Tenancy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Operators.Gateway.Forwarding;

/// <summary>
/// The distributed edge: YARP forwards <c>/api/{service}/...</c> to the service named by
/// <c>Services:{Service}:Url</c>, and <c>/openapi/{service}.json</c> to its OpenAPI document.
/// </summary>
public static class ProxyForwarding
{
    private const string ServiceKey = "service";

    public static IServiceCollection AddProxyForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in ServiceRoutes.Services)
        {
            var url = configuration[$"Services:{service}:Url"]
                ?? throw new InvalidOperationException($"Services:{service}:Url is not configured: the gateway cannot reach the {service} service.");
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = url } },
            });
            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                Metadata = new Dictionary<string, string> { [ServiceKey] = service },
            });
            routes.Add(new RouteConfig
            {
                RouteId = service + "-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json", Methods = ["GET"] },
            }.WithTransformPathSet("/openapi/v1.json"));
        }

        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                // X-Forwarded-* from what this gateway knows (its request, after Http:TrustedProxies), replacing
                // whatever a client sent: services build public addresses from them.
                context.UseDefaultForwarders = false;
                context.AddXForwarded(ForwardedTransformActions.Set);
                var service = context.Route.Metadata?.GetValueOrDefault(ServiceKey);
                context.AddRequestTransform(async transform =>
                {
                    foreach (var header in ServiceRoutes.StrippedHeaders)
                    {
                        transform.ProxyRequest.Headers.Remove(header);
                    }

                    // RFC 7239's header is not one this gateway sets: a client's would reach the services unchecked.
                    transform.ProxyRequest.Headers.Remove("Forwarded");

                    if (service is not null)
                    {
                        var http = transform.HttpContext;
                        var tenant = http.RequestServices.GetRequiredService<ITenantContext>().Tenant!;
                        var token = await http.RequestServices.GetRequiredService<ServiceRoutes>()
                            .InternalTokenAsync(service, tenant, http.User, http.RequestServices.GetRequiredService<SpacePeople>(), http.RequestAborted);
                        transform.ProxyRequest.Headers.Authorization = new("Bearer", token);
                    }
                });
            });
        return services;
    }

    public static void MapProxyForwarding(this WebApplication app) =>
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // Service routes exist only inside a space; outside one they are as missing as any unknown route.
            var isServiceRoute = context.GetReverseProxyFeature().Route.Config.Metadata?.ContainsKey(ServiceKey) == true;
            if (isServiceRoute && context.RequestServices.GetRequiredService<ITenantContext>().Tenant is null)
            {
                await ProblemResults.NotFound().ExecuteAsync(context);
                return;
            }

            await next();
        }));
}
