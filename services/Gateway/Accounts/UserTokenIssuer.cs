using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.Accounts;

/// <summary>Issues the bearer token of <c>POST /auth/token</c>.</summary>
public sealed class UserTokenIssuer(IOptions<UserTokenOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public (string Token, TimeSpan Lifetime) Issue(Account account, IEnumerable<string> networkRoles)
    {
        ArgumentNullException.ThrowIfNull(account);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = UserTokenOptions.Issuer,
            Audience = UserTokenOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.Lifetime,
            Claims = new Dictionary<string, object>
            {
                [InternalClaims.Subject] = account.Id.ToString(),
                [InternalClaims.Email] = account.Email ?? "",
                [InternalClaims.Name] = account.DisplayName,
                [InternalClaims.Role] = networkRoles.ToArray(),
                ["security_stamp"] = account.SecurityStamp ?? "",
            },
            SigningCredentials = new SigningCredentials(SigningKeys.FromBase64(settings.SigningKey, "Auth:SigningKey"), SecurityAlgorithms.HmacSha256),
        });
        return (token, settings.Lifetime);
    }

    public static TokenValidationParameters ValidationParameters(UserTokenOptions settings) => new()
    {
        ValidIssuer = UserTokenOptions.Issuer,
        ValidAudience = UserTokenOptions.Audience,
        IssuerSigningKey = SigningKeys.FromBase64(settings.SigningKey, "Auth:SigningKey"),
        NameClaimType = InternalClaims.Subject,
        RoleClaimType = InternalClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
