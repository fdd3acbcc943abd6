using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Operators.ServiceDefaults.Security;

public static class InternalAuthExtensions
{
    /// <summary>
    /// The <c>Internal</c> JWT scheme for a service module, accepting tokens for <paramref name="audience"/>.
    /// Several modules in one host (standalone) share the scheme; each module's routes check their own audience.
    /// </summary>
    public static IHostApplicationBuilder AddInternalAuthentication(this IHostApplicationBuilder builder, string audience)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var audiences = builder.Services.Where(d => d.ServiceType == typeof(InternalAudience))
            .Select(d => ((InternalAudience)d.ImplementationInstance!).Name).ToHashSet(StringComparer.Ordinal);
        builder.Services.AddSingleton(new InternalAudience(audience));
        if (audiences.Count > 0)
        {
            return builder;
        }

        builder.Services.AddAuthentication().AddJwtBearer(InternalClaims.Scheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(InternalClaims.Scheme)
            .Configure<IOptions<InternalAuthOptions>, IServiceProvider>((jwt, internalOptions, services) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = InternalAuthOptions.Issuer,
                    ValidAudiences = services.GetServices<InternalAudience>().Select(a => a.Name).ToArray(),
                    IssuerSigningKey = SigningKeys.FromBase64(internalOptions.Value.SigningKey, "InternalAuth:SigningKey"),
                    NameClaimType = InternalClaims.Subject,
                    RoleClaimType = InternalClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(5),
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    public static IServiceCollection AddInternalTokenIssuer(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InternalTokenIssuer>();
        return services;
    }

    /// <summary>A module's routes: only the gateway's token for this module's audience gets through (else 401).</summary>
    public static TBuilder RequireInternalToken<TBuilder>(this TBuilder builder, string audience)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(InternalClaims.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(InternalClaims.Audience, audience));

    internal sealed record InternalAudience(string Name);
}
