using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Operators.ServiceDefaults.Http;

/// <summary>An endpoint's own Content-Security-Policy, in place of <see cref="SecurityHeaders.DefaultPolicy"/>.</summary>
public sealed record ContentSecurityPolicy(string Value);

/// <summary>
/// The headers every response carries: no MIME sniffing, no referrer outside this site (paths may hold a feed's
/// token), never framed, and a Content-Security-Policy allowing this site only — no inline script or style, no
/// other host's images, scripts or fonts.
/// </summary>
public static class SecurityHeaders
{
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });
        return app;
    }

    /// <summary>Gives the endpoints of <paramref name="builder"/> their own policy (a page that cannot do without inline script, say).</summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new ContentSecurityPolicy(policy)));
        return builder;
    }

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>()?.Value ?? DefaultPolicy;
        }

        return Task.CompletedTask;
    }
}
