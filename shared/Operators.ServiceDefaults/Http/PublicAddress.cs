using Microsoft.AspNetCore.Http;

namespace Operators.ServiceDefaults.Http;

/// <summary>
/// The public address of the space a request came through, as a person's browser or a calendar app reaches it:
/// <c>https://host/s/slug</c>. Behind the gateway's proxy, the <c>X-Forwarded-*</c> headers are the gateway's own (it
/// sets them from the address it was reached on and never passes a client's through, see <c>ProxyForwarding</c>; in
/// one process it removes them, and the request itself is the public one): only a request carrying the gateway's
/// token reaches a service.
/// </summary>
public static class PublicAddress
{
    public static string Of(HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Headers;
        var scheme = headers["X-Forwarded-Proto"].FirstOrDefault() ?? http.Scheme;
        var host = headers["X-Forwarded-Host"].FirstOrDefault() ?? http.Host.Value;
        var prefix = headers["X-Forwarded-Prefix"].FirstOrDefault() ?? http.PathBase.Value;
        return $"{scheme}://{host}{prefix}";
    }
}
