using Microsoft.AspNetCore.Http;

namespace Operators.Tenancy.Resolution;

/// <summary>Finds a space identifier in a request, or null. A strategy never looks the identifier up.</summary>
public interface ITenantStrategy
{
    /// <summary>Lower runs first.</summary>
    int Priority { get; }

    string? Identify(HttpContext context);

    /// <summary>Called when this strategy's identifier resolved to a space, e.g. to move a path prefix.</summary>
    void OnResolved(HttpContext context)
    {
    }
}
