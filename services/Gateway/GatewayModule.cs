using Hangfire;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using FluentValidation;
using Operators.Gateway.Accounts;
using Operators.Gateway.Forwarding;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
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
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddServiceDatabase<GatewayDbContext, SqliteGatewayDbContext, PostgresGatewayDbContext>("Gateway");
        services.AddOutbox<GatewayDbContext>(configuration);
        services.TryAddTenantStore<GatewayTenantStore>();
        builder.AddServiceJobs("Gateway");
        builder.AddConsumers(bus => bus.AddConsumer<StepCompletedConsumer>());

        services.AddOptions<UserTokenOptions>().Bind(configuration.GetSection("Auth"));
        services.AddOptions<SpaceOptions>().Bind(configuration.GetSection("Spaces"));
        services.AddSingleton<UserTokenIssuer>();
        services.AddScoped<ProvisioningProgress>();
        services.AddScoped<ProvisioningTimeouts>();
        services.AddHostedService<BootstrapAdmin>();
        services.AddValidatorsFromAssemblyContaining<CreateSpaceValidator>();

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<GatewayDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var dataProtection = services.AddDataProtection().SetApplicationName("operators");
        if (configuration["DataProtection:KeysPath"] is { } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<UserTokenOptions>>((jwt, tokens) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = UserTokenIssuer.ValidationParameters(tokens.Value);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.NetworkAdmin, p => p.RequireAuthenticatedUser().RequireRole(NetworkRoles.NetworkAdmin));

        services.AddInternalTokenIssuer();
        services.AddSingleton<ServiceRoutes>();
        if (configuration.GetValue("Gateway:Forwarding", ForwardingMode.Proxy) == ForwardingMode.InProcess)
        {
            services.AddEdgeMiddleware<InProcessForwarding>();
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
        app.MapAuth();
        app.MapSpaces();
        var proxied = app.Configuration.GetValue("Gateway:Forwarding", ForwardingMode.Proxy) == ForwardingMode.Proxy;
        if (proxied)
        {
            app.MapProxyForwarding();
        }

        // A browsable reference of every OpenAPI document: in-process the hosted modules share /openapi/v1.json;
        // behind the proxy each service's own document comes through /openapi/{service}.json.
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Operators API");
            options.AddDocument("v1", proxied ? "Gateway" : "Operators");
            if (proxied)
            {
                foreach (var service in ServiceRoutes.Services)
                {
                    options.AddDocument(service, service, $"/openapi/{service}.json");
                }
            }
        });

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ProvisioningTimeouts>(ProvisioningTimeouts.SweepJobId, t => t.SweepAsync(), Cron.Minutely());
        return app;
    }
}
