using Microsoft.Extensions.Options;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Testing;

/// <summary>Internal tokens as the gateway mints them, for tests that call a service directly.</summary>
public static class TestTokens
{
    public static string Internal(string key, string audience, Guid tenantId, string? subject = null, params string[] roles) =>
        new InternalTokenIssuer(Options.Create(new InternalAuthOptions { SigningKey = key }), TimeProvider.System)
            .Issue(audience, new TenantInfo { Id = tenantId, Slug = "any", Name = "any" }, subject, roles);
}
