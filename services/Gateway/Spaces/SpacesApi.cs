using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Operators.Contracts.Spaces;
using System.Security.Claims;
using Operators.Gateway.Accounts;
using Operators.Gateway.People;
using Operators.ServiceDefaults.Security;
using Operators.Gateway.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>What creating a space needs besides the body: the registry, the bus, the timeout job and the owner's grant.</summary>
public readonly record struct CreateSpaceServices(
    IValidator<CreateSpaceRequest> Validator,
    GatewayDbContext Db,
    Outbox<GatewayDbContext> Outbox,
    IBackgroundJobClient Jobs,
    IOptions<SpaceOptions> Options,
    SpacePeople People,
    TimeProvider Clock);

/// <summary>The network's space registry: templates, creation and provisioning status, the public directory.</summary>
public static class SpacesApi
{
    public static IEndpointRouteBuilder MapSpaces(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/templates", () => TypedResults.Ok(SpaceTemplates.BuiltIn)).WithTags("Spaces");

        var spaces = app.MapGroup("/api/spaces").WithTags("Spaces");
        spaces.MapGet("/", ListActiveAsync);
        spaces.MapPost("/", CreateAsync).RequireAuthorization(GatewayPolicies.NetworkAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        spaces.MapGet("/{slug}", GetStatusAsync).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/space", GetProfileAsync).WithTags("Spaces").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<SpaceCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSpaceRequest? request, [AsParameters] CreateSpaceServices services, HttpRequest http, ClaimsPrincipal user, CancellationToken ct)
    {
        var (validator, db, outbox, jobs, options, people, clock) = services;
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var slug = request!.Slug!;
        if (await db.Spaces.AnyAsync(s => s.Slug == slug, ct))
        {
            return ProblemResults.Conflict($"The slug '{slug}' is already taken.");
        }

        var space = new SpaceRecord
        {
            Id = Guid.CreateVersion7(),
            Slug = slug,
            Name = request.Name!.Trim(),
            Template = request.Template!,
            Locale = request.Locale ?? "fr-FR",
            TimeZone = request.TimeZone ?? "Europe/Paris",
            Currency = request.Currency ?? "EUR",
            Town = request.Town,
            Description = request.Description,
            OwnerEmail = request.Owner!.Email!.Trim(),
            OwnerDisplayName = request.Owner.DisplayName!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Spaces.Add(space);
        outbox.Publish(new SpaceProvisioningRequested(space.Id, space.Slug, space.Name, space.Template, space.Locale, space.TimeZone, space.Currency));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two requests raced for one slug: the unique index let one in, and nothing of this one was written.
                await transaction.RollbackAsync(ct);
                if (await SlugTakenAsync(db, slug))
                {
                    return ProblemResults.Conflict($"The slug '{slug}' is already taken.");
                }

                throw;
            }

            // The creator's owner: found or invited, granted in the same transaction as the space.
            await people.GrantAsync(space, space.OwnerEmail, space.OwnerDisplayName, [SpaceRoles.Owner], PersonClaims.IdOf(user), request: null, ct);
            await transaction.CommitAsync(ct);
        }

        await people.InviteIfNeededAsync(space, space.OwnerEmail, http, ct);

        // Belt and braces: the recurring sweep also fails spaces whose timeout job was lost.
        jobs.Schedule<ProvisioningTimeouts>(t => t.ExpireAsync(space.Id), options.Value.ProvisioningTimeout);
        return TypedResults.Accepted($"/api/spaces/{slug}", new SpaceCreatedResponse(slug, space.Status.Wire()));
    }

    private static async Task<bool> SlugTakenAsync(GatewayDbContext db, string slug)
    {
        db.ChangeTracker.Clear();
        return await db.Spaces.AnyAsync(s => s.Slug == slug);
    }

    private static async Task<Results<Ok<SpaceStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        string slug, ClaimsPrincipal user, SpacePeople people, GatewayDbContext db, CancellationToken ct)
    {
        var normalized = slug.ToLowerInvariant();
        var space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == normalized, ct);
        if (space is null)
        {
            return ProblemResults.NotFound();
        }

        // Its owners and network admins see the status; to anyone else the space is as missing as an unknown one.
        var caller = await people.CallerAsync(user, space.Id, ct);
        return caller.IsOwner ? TypedResults.Ok(space.ToStatus()) : ProblemResults.NotFound();
    }

    private static async Task<Ok<List<SpaceDirectoryEntry>>> ListActiveAsync(GatewayDbContext db, CancellationToken ct)
    {
        var active = await db.Spaces.AsNoTracking()
            .Where(s => s.Status == TenantStatus.Active)
            .OrderBy(s => s.Name)
            .Select(s => new SpaceDirectoryEntry(s.Slug, s.Name, s.Town, s.Description))
            .ToListAsync(ct);
        return TypedResults.Ok(active);
    }

    private static async Task<Results<Ok<SpaceProfileResponse>, ProblemHttpResult>> GetProfileAsync(ITenantContext tenants, GatewayDbContext db, HttpRequest http, CancellationToken ct)
    {
        if (tenants.TenantId is not { } id)
        {
            return ProblemResults.NotFound();
        }

        var s = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null
            ? ProblemResults.NotFound()
            : TypedResults.Ok(new SpaceProfileResponse(s.Id.ToString(), s.Slug, s.Name, s.Locale, s.TimeZone, s.Currency, s.Town, s.Description, new SpaceThemeResponse(s.AccentColor, s.LogoAddress(http.PathBase))));
    }
}
