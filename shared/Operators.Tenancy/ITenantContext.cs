namespace Operators.Tenancy;

/// <summary>The space the current request, message or job runs in.</summary>
public interface ITenantContext
{
    /// <summary>The current space's id, or null outside any space.</summary>
    Guid? TenantId { get; }

    /// <summary>The current space when it was resolved in full (HTTP requests); null when only its id is known.</summary>
    TenantInfo? Tenant { get; }

    /// <summary>Runs the following code in another space until the result is disposed, then restores the previous one.</summary>
    IDisposable Change(Guid tenantId);

    /// <inheritdoc cref="Change(Guid)"/>
    IDisposable Change(TenantInfo tenant);
}

/// <summary>Sets the current space; only resolution code (middleware, filters) should need it.</summary>
public interface ITenantContextSetter
{
    void Set(TenantInfo? tenant);
}
