using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Forwarding;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.Tenancy;

namespace Operators.Gateway.People;

public sealed record RoleGrantExport(string Role, DateTimeOffset GrantedAt);

/// <summary>
/// The person as this space knows them (see <see cref="SpacePerson"/>): <c>status</c> is invited, active, or
/// <c>left</c> for someone exporting their own data after losing every role here.
/// </summary>
public sealed record PersonExportPerson(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status,
    IReadOnlyList<RoleGrantExport> Grants, DateTimeOffset? AddedAt, DateTimeOffset? JoinedAt);

/// <summary>
/// One person's data across the platform (GDPR art. 15 and 20). <c>services</c> holds each service's own export,
/// or null for a service that never knew the person.
/// </summary>
public sealed record PersonExport(DateTimeOffset ExportedAt, PersonExportPerson Person, IReadOnlyDictionary<string, JsonNode?> Services);

/// <summary>
/// <c>GET {S}/api/space/people/{id}/export</c>: the gateway's part, then each service's
/// <c>GET /api/{service}/members/{id}/export</c> called on behalf of the caller. A service that fails makes the
/// whole export fail (502, or 503 when it cannot be reached): a partial document would pass for a complete one.
/// </summary>
public static class PersonExportApi
{
    /// <summary>The services that hold a part of a person's data.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["booking", "membership", "billing"];

    public static RouteGroupBuilder MapPersonExport(this RouteGroupBuilder space)
    {
        space.MapGet("/people/{id}/export", ExportAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return space;
    }

    private static async Task<Results<Ok<PersonExport>, ProblemHttpResult>> ExportAsync(
        string id, ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, GatewayDbContext db, ServiceCalls calls, TimeProvider clock, CancellationToken ct)
    {
        var tenant = tenants.Tenant!;
        var caller = await people.CallerAsync(user, tenant.Id, ct);
        var personId = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        var self = caller.Id is not null && caller.Id == personId;
        if (!self && !caller.IsOwner)
        {
            return ProblemResults.Denied(caller, "Only the space's owners, and the person themself, export a person's data.");
        }

        var person = personId is { } known ? await PersonAsync(db, tenant.Id, known, self, ct) : null;
        if (person is null)
        {
            return ProblemResults.NotFound();
        }

        // One service after the other: each call reads the caller's roles through this request's database context.
        var parts = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var service in Sources)
        {
            var (part, failure) = await PartAsync(calls, service, personId!.Value, tenant, user, ct);
            if (failure is not null)
            {
                return failure;
            }

            parts[service] = part;
        }

        return TypedResults.Ok(new PersonExport(clock.GetUtcNow(), person, parts));
    }

    /// <summary>The person as the space knows them; their own account's words when they left it and ask themself.</summary>
    private static async Task<PersonExportPerson?> PersonAsync(GatewayDbContext db, Guid spaceId, Guid personId, bool self, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == personId, ct);
        if (account is null)
        {
            return null;
        }

        var known = await db.SpacePeople.AsNoTracking().FirstOrDefaultAsync(p => p.SpaceId == spaceId && p.AccountId == personId, ct);
        if (known is null)
        {
            return self ? new PersonExportPerson(account.Id.ToString(), account.Email!, account.DisplayName, [], "left", [], null, null) : null;
        }

        var grants = await db.SpaceRoles.AsNoTracking().Where(r => r.SpaceId == spaceId && r.AccountId == personId).OrderBy(r => r.Role).ToListAsync(ct);
        var joined = known.JoinedAt is not null;
        return new PersonExportPerson(
            account.Id.ToString(),
            joined ? account.Email! : account.Email!.ToLowerInvariant(),
            joined ? account.DisplayName : known.DisplayName,
            grants.Select(g => g.Role).ToList(),
            joined ? "active" : "invited",
            grants.Select(g => new RoleGrantExport(g.Role, Utc(g.GrantedAt))).ToList(),
            Utc(known.AddedAt),
            known.JoinedAt is { } at ? Utc(at) : null);
    }

    private static async Task<(JsonNode? Part, ProblemHttpResult? Failure)> PartAsync(
        ServiceCalls calls, string service, Guid personId, TenantInfo tenant, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            using var response = await calls.GetAsync(service, $"members/{personId}/export", tenant, user, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // The service never knew the person: nothing of theirs there.
                return (null, null);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, Failed(StatusCodes.Status502BadGateway, $"The {service} service answered {(int)response.StatusCode} for its part of the export; nothing was exported."));
            }

            return (JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)), null);
        }
        catch (JsonException)
        {
            return (null, Failed(StatusCodes.Status502BadGateway, $"The {service} service's part of the export was not JSON; nothing was exported."));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (null, Failed(StatusCodes.Status503ServiceUnavailable, $"The {service} service could not be reached for its part of the export; nothing was exported. Try again later."));
        }
    }

    private static ProblemHttpResult Failed(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
