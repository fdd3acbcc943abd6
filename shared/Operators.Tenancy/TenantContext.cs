namespace Operators.Tenancy;

/// <summary>
/// The tenant context lives in an <see cref="AsyncLocal{T}"/>: it flows into awaited calls and tasks started
/// from the code that set it, and never leaks into a concurrent request.
/// </summary>
public sealed class TenantContext : ITenantContext, ITenantContextSetter
{
    private static readonly AsyncLocal<Scope?> Ambient = new();

    public Guid? TenantId => Ambient.Value?.TenantId;

    public TenantInfo? Tenant => Ambient.Value?.Tenant;

    public void Set(TenantInfo? tenant) =>
        Ambient.Value = tenant is null ? null : new Scope(tenant.Id, tenant);

    public IDisposable Change(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A tenant id cannot be empty.", nameof(tenantId));
        }

        return Push(new Scope(tenantId, null));
    }

    public IDisposable Change(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return Push(new Scope(tenant.Id, tenant));
    }

    private static Restore Push(Scope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    private sealed record Scope(Guid TenantId, TenantInfo? Tenant);

    private sealed class Restore(Scope? previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Ambient.Value = previous;
        }
    }
}
