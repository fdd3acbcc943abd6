namespace Operators.Tenancy.Tests;

internal sealed class InMemoryTenantStore(params TenantInfo[] tenants) : ITenantStore
{
    public Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenants.FirstOrDefault(t =>
            t.Slug == identifier || t.Id.ToString() == identifier));

    public static TenantInfo Tenant(string slug, TenantStatus status = TenantStatus.Active) =>
        new() { Id = Guid.NewGuid(), Slug = slug, Name = slug, Status = status };
}
