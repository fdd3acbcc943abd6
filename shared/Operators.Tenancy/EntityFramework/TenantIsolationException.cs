namespace Operators.Tenancy.EntityFramework;

/// <summary>A write that would cross spaces, or a tenant-owned write made outside any space.</summary>
public sealed class TenantIsolationException : InvalidOperationException
{
    public TenantIsolationException()
    {
    }

    public TenantIsolationException(string message)
        : base(message)
    {
    }

    public TenantIsolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
