using System.Net.Http.Headers;
using System.Security.Claims;
using Operators.Gateway.People;
using Operators.Tenancy;

namespace Operators.Gateway.Forwarding;

/// <summary>
/// The gateway calling a service's route itself, on behalf of the person whose request it is serving: the request
/// carries the same internal token the edge gives that person's own requests (their roles in the space, read now).
/// It reaches the service the way this gateway reaches its services: over HTTP to <c>Services:{name}:Url</c>
/// (distributed), or through this process's own pipeline (standalone, <see cref="InProcessPipelineHandler"/>).
/// </summary>
public sealed class ServiceCalls(IHttpClientFactory clients, ServiceRoutes routes, SpacePeople people)
{
    /// <summary>Sends <c>GET /api/{service}/{path}</c> in <paramref name="tenant"/> as <paramref name="user"/>.</summary>
    public async Task<HttpResponseMessage> GetAsync(string service, string path, TenantInfo tenant, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var token = await routes.InternalTokenAsync(service, tenant, user, people, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/{service}/{path.TrimStart('/')}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await clients.CreateClient(ClientName(service)).SendAsync(request, ct);
    }

    internal static string ClientName(string service) => "service-" + service;
}

public static class ServiceCallsExtensions
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary><see cref="ServiceCalls"/>, with one client per service for the way this gateway reaches them.</summary>
    public static IServiceCollection AddServiceCalls(this IServiceCollection services, IConfiguration configuration, ForwardingMode mode)
    {
        services.AddScoped<ServiceCalls>();
        if (mode == ForwardingMode.InProcess)
        {
            services.AddSingleton<InProcessPipeline>();
            services.AddTransient<IStartupFilter, InProcessPipeline.Capture>();
            services.AddTransient<InProcessPipelineHandler>();
        }

        foreach (var service in ServiceRoutes.Services)
        {
            var client = services.AddHttpClient(ServiceCalls.ClientName(service), http =>
            {
                http.BaseAddress = mode == ForwardingMode.InProcess ? new Uri("http://localhost/") : BaseOf(configuration, service);
                http.Timeout = CallTimeout;
            });
            if (mode == ForwardingMode.InProcess)
            {
                client.ConfigurePrimaryHttpMessageHandler<InProcessPipelineHandler>();
            }
        }

        return services;
    }

    // The service's address as a base that relative paths extend (a trailing slash keeps any path it has).
    private static Uri BaseOf(IConfiguration configuration, string service)
    {
        var url = configuration[$"Services:{service}:Url"]
            ?? throw new InvalidOperationException($"Services:{service}:Url is not configured: the gateway cannot reach the {service} service.");
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }
}
