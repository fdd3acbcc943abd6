using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Bookings;

/// <summary>
/// <c>Idempotency-Key</c> support: the first successful answer is stored in the same transaction as the
/// booking, and a retry with the same key (and the same body) gets that answer again instead of a second booking.
/// </summary>
public sealed class IdempotentReplay(BookingDbContext db, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    public static string Hash<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    public static string CallerKey(Caller caller) => caller?.Id?.ToString() ?? "anonymous";

    /// <summary>The stored answer to replay, a 422 for a key reused with another body, or null to proceed.</summary>
    public async Task<Replayed?> FindAsync(Caller caller, string? key, string hash, CancellationToken ct)
    {
        if (key is null)
        {
            return null;
        }

        var callerKey = CallerKey(caller);
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Caller == callerKey && r.Key == key, ct);
        if (record is null)
        {
            return null;
        }

        return record.RequestHash != hash
            ? new Replayed(TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: $"The Idempotency-Key '{key}' was already used with a different request."))
            : new Replayed(record.StatusCode, record.ResponseJson, record.Location);
    }

    public void Remember(Caller caller, string key, string hash, int status, object response, string? location) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Caller = CallerKey(caller),
            Key = key,
            RequestHash = hash,
            StatusCode = status,
            ResponseJson = JsonSerializer.Serialize(response, Json),
            Location = location,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });

    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[Header].ToString();
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Operators.ServiceDefaults.ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }

    /// <summary>
    /// What an earlier request with the same key decided: its stored answer again, or a 422 problem when the key
    /// came with another body. Routes answering with it list the 422 in their OpenAPI entry.
    /// </summary>
    public sealed class Replayed : IResult, IEndpointMetadataProvider
    {
        private readonly int status;
        private readonly string json = "";
        private readonly string? location;
        private readonly ProblemHttpResult? problem;

        internal Replayed(int status, string json, string? location) => (this.status, this.json, this.location) = (status, json, location);

        internal Replayed(ProblemHttpResult problem) => this.problem = problem;

        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Metadata.Add(SpaceRoleEndpoints.Problem(StatusCodes.Status422UnprocessableEntity));
        }

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            if (problem is not null)
            {
                await problem.ExecuteAsync(httpContext);
                return;
            }

            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            await httpContext.Response.WriteAsync(json, Encoding.UTF8);
        }
    }
}
