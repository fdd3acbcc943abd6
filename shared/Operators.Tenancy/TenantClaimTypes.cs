namespace Operators.Tenancy;

public static class TenantClaimTypes
{
    /// <summary>The internal token's claim holding the space id the gateway resolved.</summary>
    public const string Tenant = "tenant";
}
