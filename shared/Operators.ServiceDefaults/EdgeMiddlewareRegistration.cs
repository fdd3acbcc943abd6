using Microsoft.Extensions.DependencyInjection;

namespace Operators.ServiceDefaults;

/// <summary>
/// Middleware that must run after the space is resolved and before routing and authentication — the
/// standalone host's in-process forwarding is one. Registered with <see cref="ServiceDefaultsExtensions.AddEdgeMiddleware{T}"/>.
/// </summary>
public sealed record EdgeMiddlewareRegistration(Type MiddlewareType);

internal static class EdgeMiddlewareExtensions
{
    public static IEnumerable<Type> EdgeMiddlewareTypes(IServiceProvider services) =>
        services.GetServices<EdgeMiddlewareRegistration>().Select(r => r.MiddlewareType);
}
