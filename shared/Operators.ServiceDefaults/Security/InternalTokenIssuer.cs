using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Security;

/// <summary>
/// Mints the short-lived token the gateway attaches to every forwarded request: who (subject, roles), in
/// which space (tenant), for which service (audience). Services trust nothing else.
/// </summary>
public sealed class InternalTokenIssuer(IOptions<InternalAuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();
    private SigningCredentials? credentials;

    public string Issue(string audience, TenantInfo tenant, string? subject, IEnumerable<string> roles, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        credentials ??= new SigningCredentials(SigningKeys.FromBase64(options.Value.SigningKey, "InternalAuth:SigningKey"), SecurityAlgorithms.HmacSha256);
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [TenantClaimTypes.Tenant] = tenant.Id.ToString(),
            [InternalClaims.Role] = roles.Distinct(StringComparer.Ordinal).ToArray(),
        };
        if (subject is not null)
        {
            claims[InternalClaims.Subject] = subject;
        }

        if (email is not null)
        {
            claims[InternalClaims.Email] = email;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = InternalAuthOptions.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.Lifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        user?.FindAll(InternalClaims.Role).Select(c => c.Value).ToList() ?? [];
}
