using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Operators.Gateway.Accounts;

/// <summary>Configuration section <c>Auth:RateLimit</c>: attempts per client address and window on the account endpoints.</summary>
public sealed class AuthRateLimitOptions
{
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits sign-in, registration and link requests per client address — the API's <c>/auth/*</c> and the
/// intranet's account forms alike — and answers 429 as a problem document with <c>Retry-After</c>.
/// </summary>
public static class AuthRateLimiting
{
    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Auth:RateLimit").Get<AuthRateLimitOptions>() ?? new AuthRateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsAccountAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            o.OnRejected = async (rejected, ct) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)settings.Window.TotalSeconds;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        detail: $"Too many attempts from your address: wait {seconds} seconds and try again.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static bool IsAccountAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/auth") || request.Path.StartsWithSegments("/account"));
}
