using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Operators.ServiceDefaults.Http;

/// <summary>
/// <c>Http:TrustedProxies</c>: the addresses (or CIDR networks) of the reverse proxies in front of the host — the
/// TLS terminator of a small space's box, a load balancer. Only their <c>X-Forwarded-For/-Proto/-Host</c> are
/// believed, so the client's address (rate limits) and scheme (links in emails) are the real ones; anyone else's
/// are ignored, so a client cannot pick its address to dodge a limit.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Http:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Section).Get<string[]>() ?? [];
        if (entries.Length == 0)
        {
            return services;
        }

        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Section} holds \"{entry}\", which is neither an IP address nor a CIDR network.");
            }
        }

        services.AddSingleton(new TrustedProxiesMarker());
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
                if (proxy.IsIPv4MappedToIPv6 is false && proxy.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    o.KnownProxies.Add(proxy.MapToIPv6());
                }
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, when proxies are configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<TrustedProxiesMarker>() is not null)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private sealed class TrustedProxiesMarker;
}
