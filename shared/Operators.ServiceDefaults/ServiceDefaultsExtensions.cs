using System.Text.Json;
using FluentValidation;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy.Resolution;

namespace Operators.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every host needs: problem documents, JSON, health, telemetry, OpenAPI, tenancy, time.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddSingleton(TimeProvider.System);
        // SQL statements and per-message bus chatter are for debugging sessions, not for every run.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.AddFilter("Hangfire", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddProblemDocuments();
        // Field names in validation problems are the JSON names clients send: camelCase, dotted for nesting.
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad JSON and wrong content types throw, so the exception handler can name the problem in a 400/415.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Http:MaxRequestBodyBytes", 1024 * 1024));
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));

        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        services.AddOpenApi();
        services.AddTenancy(builder.Configuration);
        services.AddTrustedProxies(builder.Configuration);
        services.AddOptions<InternalAuthOptions>().Bind(builder.Configuration.GetSection("InternalAuth"));
        services.AddAuthorization();

        // Traces and metrics are collected only where they go somewhere: with no exporter, listening to every
        // request would cost each one for nothing.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            var telemetry = services.AddOpenTelemetry()
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("MassTransit"))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter("MassTransit"));
            OpenTelemetry.OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter(telemetry);
        }

        return builder;
    }

    /// <summary>
    /// camelCase, enums as kebab-case strings (<c>desk-pool</c>, <c>bank-transfer</c>) and only those: a number
    /// (<c>-1</c>, <c>12345</c>) or a list (<c>"card, cheque"</c>) would store a value no page can show, so it is refused like any unknown name.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new StrictEnumConverter());
    }

    /// <summary>Runs <typeparamref name="T"/> between space resolution and routing (see <see cref="EdgeMiddlewareRegistration"/>).</summary>
    public static IServiceCollection AddEdgeMiddleware<T>(this IServiceCollection services)
        where T : class, IMiddleware
    {
        services.AddScoped<T>();
        services.AddSingleton(new EdgeMiddlewareRegistration(typeof(T)));
        return services;
    }

    /// <summary>
    /// The pipeline every host shares, in order: security headers on every response, problem documents for exceptions and bare status codes,
    /// space resolution (which may move a <c>/s/{slug}</c> prefix to PathBase, hence before routing), edge
    /// middleware, routing, authentication, authorization; then health and OpenAPI endpoints.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTenantResolution();
        foreach (var middleware in EdgeMiddlewareExtensions.EdgeMiddlewareTypes(app.Services))
        {
            app.UseMiddleware(middleware);
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
