using Microsoft.EntityFrameworkCore;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Spaces;

/// <summary>A service's tenant store: the spaces it has provisioned in its own database.</summary>
public sealed class ProvisionedSpaceStore<TContext>(TContext db) : ITenantStore
    where TContext : DbContext
{
    public async Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var spaces = db.Set<ProvisionedSpace>().AsNoTracking();
        var slug = identifier.ToLowerInvariant();
        var space = Guid.TryParse(identifier, out var id)
            ? await spaces.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            : await spaces.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        return space?.ToTenant();
    }
}
