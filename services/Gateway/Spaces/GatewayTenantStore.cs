using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Persistence;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>The edge's tenant store: the network's space registry.</summary>
public sealed class GatewayTenantStore(GatewayDbContext db) : ITenantStore
{
    public async Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var spaces = db.Spaces.AsNoTracking();
        var slug = identifier.ToLowerInvariant();
        var space = Guid.TryParse(identifier, out var id)
            ? await spaces.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            : await spaces.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        return space?.ToTenant();
    }
}
