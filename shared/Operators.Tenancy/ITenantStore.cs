namespace Operators.Tenancy;

/// <summary>Turns an identifier (a slug, or a space id in its string form) into a space.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default);
}
