using Hangfire;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using FluentValidation;
using Operators.Gateway.Accounts;
using Operators.Gateway.Email;
using Operators.ServiceDefaults.Email;
using Operators.Gateway.People;
using Operators.Gateway.Forwarding;
using Operators.Gateway.Intranet;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Jobs;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy.Resolution;
using Scalar.AspNetCore;

namespace Operators.Gateway;

/// <summary>How requests reach the services: YARP to other processes, or in-process (standalone).</summary>
public enum ForwardingMode
{
    Proxy,
    InProcess,
}

/// <summary>Wires the gateway; its own host and the standalone host both call these two methods.</summary>
public static class GatewayModule
{
    private const string EdgeScheme = "edge";

    /// <summary>The name of the gateway's own OpenAPI document (<c>/openapi/gateway.json</c>).</summary>
    public const string GatewayDocument = "gateway";

    // The service an API description's path (relative, "api/booking/...") belongs to.
    private static string? ServiceOfRoute(string? relativePath) => ServiceRoutes.ServiceOf(new PathString("/" + relativePath));

    /// <summary>Requests for the API (bearer tokens only), as opposed to the intranet's pages (cookie).</summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api")
            || request.Path.StartsWithSegments("/auth")
            || request.Path.StartsWithSegments("/openapi");
    }

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddServiceDatabase<GatewayDbContext, SqliteGatewayDbContext, PostgresGatewayDbContext>("Gateway");
        services.AddOutbox<GatewayDbContext>(configuration);
        services.AddTenantStore<GatewayTenantStore>();
        builder.AddServiceJobs("Gateway");
        builder.AddServiceMail();
        builder.AddConsumer<StepCompletedConsumer, StepCompletedConsumerDefinition>();
        builder.AddConsumer<MemberErasedConsumer, MemberErasedConsumerDefinition>();

        services.AddOptions<UserTokenOptions>().Bind(configuration.GetSection("Auth"));
        services.AddOptions<SpaceOptions>().Bind(configuration.GetSection("Spaces"));
        services.AddSingleton<UserTokenIssuer>();
        services.AddScoped<ProvisioningProgress>();
        services.AddScoped<ProvisioningTimeouts>();
        services.AddHostedService<BootstrapAdmin>();
        services.AddValidatorsFromAssemblyContaining<CreateSpaceValidator>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth"));
        services.AddOptions<GatewayLinkOptions>().Bind(configuration.GetSection("Gateway"));
        services.AddScoped<AccountEmails>();
        services.AddScoped<AccountFlows>();
        services.AddScoped<SpacePeople>();

        var requireConfirmedEmail = configuration.GetValue("Auth:RequireConfirmedEmail", true);
        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The user name is the email: any character an address may hold (o'brien@, josé@) is allowed.
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.SignIn.RequireConfirmedEmail = requireConfirmedEmail;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddErrorDescriber<AccountErrorDescriber>()
            .AddEntityFrameworkStores<GatewayDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var dataProtection = services.AddDataProtection().SetApplicationName("operators");
        if (configuration["DataProtection:KeysPath"] is { } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        // API clients send bearer tokens; the intranet's pages use Identity's cookie. API routes never accept the
        // cookie, so no cross-site request can act through them.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = EdgeScheme;
                o.DefaultChallengeScheme = EdgeScheme;
            })
            .AddPolicyScheme(EdgeScheme, "Bearer for the API, cookie for the intranet", o => o.ForwardDefaultSelector = context =>
                IsApiRequest(context.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "operators.session";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // The sign-in page sends the person on itself, to a checked local address (Login.LocalReturn): the
            // handler's own redirect to ?returnUrl= wrote whatever was asked into Location (non-ASCII: a 500).
            o.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });
        // The intranet's cookie is checked against the account's security stamp every minute (default 30).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthRateLimiting(configuration);
        services.AddGuestHoldLimit();
        services.AddIntranet();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<UserTokenOptions>>((jwt, tokens) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = UserTokenIssuer.ValidationParameters(tokens.Value);
                jwt.Events = new JwtBearerEvents { OnTokenValidated = UserTokenIssuer.RejectRevokedAsync };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.NetworkAdmin, p => p.RequireAuthenticatedUser().RequireRole(NetworkRoles.NetworkAdmin));

        services.AddInternalTokenIssuer();
        services.AddSingleton<ServiceRoutes>();
        // The same documents at the same addresses in both modes: /openapi/gateway.json for the gateway's own
        // routes, /openapi/{service}.json for each service's — proxied to the service, or, in-process, cut from
        // this host's routes by their /api/{service} prefix (/openapi/v1.json stays: every route of the host).
        services.AddOpenApiDocument(GatewayDocument, path => ServiceOfRoute(path) is null);
        var forwarding = configuration.GetValue("Gateway:Forwarding", ForwardingMode.Proxy);
        services.AddServiceCalls(configuration, forwarding);
        if (forwarding == ForwardingMode.InProcess)
        {
            services.AddEdgeMiddleware<InProcessForwarding>();
            foreach (var service in ServiceRoutes.Services)
            {
                services.AddOpenApiDocument(service, path => ServiceOfRoute(path) == service);
            }
        }
        else
        {
            services.AddProxyForwarding(configuration);
        }

        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        app.MapAuth();
        app.MapSpaces();
        app.MapPeople();
        var proxied = app.Configuration.GetValue("Gateway:Forwarding", ForwardingMode.Proxy) == ForwardingMode.Proxy;
        if (proxied)
        {
            app.MapProxyForwarding();
        }

        // A browsable reference of every OpenAPI document, the same in both modes.
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Operators API");
            // Its default fonts come from Scalar's CDN, which the page's policy refuses: the browser's own fonts do.
            options.DisableDefaultFonts();
            options.AddDocument(GatewayDocument, "Gateway", $"/openapi/{GatewayDocument}.json");
            foreach (var service in ServiceRoutes.Services)
            {
                options.AddDocument(service, service, $"/openapi/{service}.json");
            }
        })
        // The reference's page starts its own scripts inline and styles itself inline: allowed there, and only there.
        .WithContentSecurityPolicy("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");

        app.MapIntranet();

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ProvisioningTimeouts>(ProvisioningTimeouts.SweepJobId, t => t.SweepAsync(), Cron.Minutely());
        return app;
    }
}
