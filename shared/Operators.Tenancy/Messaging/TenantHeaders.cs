namespace Operators.Tenancy.Messaging;

public static class TenantHeaders
{
    /// <summary>Message header carrying the space id of a tenant-scoped message.</summary>
    public const string TenantId = "Operators-Tenant";
}
