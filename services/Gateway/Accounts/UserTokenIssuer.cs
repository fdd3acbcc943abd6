using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.Accounts;

/// <summary>Issues the bearer token of <c>POST /auth/token</c>.</summary>
public sealed class UserTokenIssuer(IOptions<UserTokenOptions> options, TimeProvider clock)
{
    public const string SecurityStampClaim = "security_stamp";

    /// <summary>
    /// A bearer token stops working as soon as its account's security stamp changes (password reset, claim) or the
    /// account is gone or back to invited: checked on every request, one indexed read.
    /// </summary>
    public static async Task RejectRevokedAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.Principal?.FindFirst(InternalClaims.Subject)?.Value;
        var stamp = context.Principal?.FindFirst(SecurityStampClaim)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<GatewayDbContext>();
        var current = Guid.TryParse(id, out var accountId)
            ? await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => new { u.SecurityStamp, u.Invited }).FirstOrDefaultAsync(context.HttpContext.RequestAborted)
            : null;
        if (current is null || current.Invited || !string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.Fail("This token is no longer valid (the password changed since): sign in again.");
        }
    }

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
                [SecurityStampClaim] = account.SecurityStamp ?? "",
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
