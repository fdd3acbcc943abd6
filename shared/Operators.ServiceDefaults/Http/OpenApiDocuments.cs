using Microsoft.Extensions.DependencyInjection;

namespace Operators.ServiceDefaults.Http;

/// <summary>Named OpenAPI documents served at <c>/openapi/{name}.json</c> (see <c>UseServiceDefaults</c>).</summary>
public static class OpenApiDocuments
{
    /// <summary>
    /// A document holding the routes whose path (relative, <c>api/booking/...</c>) <paramref name="includes"/> accepts:
    /// how a host running several modules gives each its own document.
    /// </summary>
    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services, string name, Func<string?, bool> includes)
    {
        ArgumentNullException.ThrowIfNull(includes);
        return services.AddOpenApi(name, o => o.ShouldInclude = description => includes(description.RelativePath));
    }
}
