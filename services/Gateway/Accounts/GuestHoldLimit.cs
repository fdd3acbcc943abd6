using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Operators.ServiceDefaults;

namespace Operators.Gateway.Accounts;

/// <summary>
/// Limits the day passes asked for by nobody signed in, per client address (<c>Guests:RateLimit</c>, 10 an hour): each
/// one holds a seat — for the whole day when paid at the desk — and no account answers for it. It counts the
/// intranet's guest form (<c>POST {S}/day-pass</c>) and the API's <c>POST {S}/api/booking/day-passes</c> without a
/// bearer token, but not the intranet's own call behind that form (<see cref="IntranetCallHeader"/>), already counted
/// against the guest's address. An edge middleware, so that it sees the request as the client sent it, before the
/// standalone host's in-process forwarding puts the internal token in.
/// </summary>
public sealed class GuestHoldLimit(GuestHoldLimit.Limiter limiter, IntranetCallKey callKey) : IMiddleware
{
    /// <summary>Header the intranet's own calls to the API carry.</summary>
    public const string IntranetCallHeader = "X-Operators-Intranet";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsGuestHold(context.Request))
        {
            await next(context);
            return;
        }

        using var lease = await limiter.Partitions.AcquireAsync(context, 1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)limiter.Window.TotalSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"Too many day passes asked for from your address: wait {seconds} seconds and try again, or ask the space.")
            .ExecuteAsync(context);
    }

    private bool IsGuestHold(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/day-pass", StringComparison.OrdinalIgnoreCase)
            || (request.Path.Equals("/api/booking/day-passes", StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrEmpty(request.Headers.Authorization)
                && !callKey.Matches(request.Headers[IntranetCallHeader])));

    /// <summary>The limiter's partitions (one fixed window per client address), shared by every request.</summary>
    public sealed class Limiter(IConfiguration configuration) : IDisposable
    {
        private readonly AuthRateLimitOptions settings = configuration.GetSection("Guests:RateLimit").Get<AuthRateLimitOptions>()
            ?? new AuthRateLimitOptions { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

        private PartitionedRateLimiter<HttpContext>? partitions;

        public TimeSpan Window => settings.Window;

        public PartitionedRateLimiter<HttpContext> Partitions => partitions ??= PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 }));

        public void Dispose() => partitions?.Dispose();
    }
}

/// <summary>
/// The value of <see cref="GuestHoldLimit.IntranetCallHeader"/>: derived from the gateway's token signing key, so every
/// replica knows it and no client can.
/// </summary>
public sealed class IntranetCallKey(IConfiguration configuration)
{
    private readonly byte[] value = Encoding.UTF8.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(configuration["Auth:SigningKey"] ?? throw new InvalidOperationException("Auth:SigningKey is not configured.")),
        "intranet-call"u8)));

    public string Value => Encoding.UTF8.GetString(value);

    public bool Matches(string? candidate) => candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), value);
}

public static class GuestHoldLimitExtensions
{
    public static IServiceCollection AddGuestHoldLimit(this IServiceCollection services)
    {
        services.AddSingleton<GuestHoldLimit.Limiter>();
        services.AddSingleton<IntranetCallKey>();
        // Registered before the in-process forwarding (when there is one): edge middleware run in registration order.
        services.AddEdgeMiddleware<GuestHoldLimit>();
        return services;
    }
}
