using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Accounts;
using Operators.Gateway.Email;
using Operators.ServiceDefaults.Email;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;
using Operators.Gateway.Spaces;
using Operators.Tenancy;

namespace Operators.Gateway.People;

public sealed record GrantRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles);

public sealed record ThemeRequest(string? AccentColor, string? LogoUrl);

public sealed class GrantRequestValidator : AbstractValidator<GrantRequest>
{
    public GrantRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256).PlainText();
        RuleFor(r => r.DisplayName).MaximumLength(200).PlainText();
        RuleFor(r => r.Roles).NotEmpty().WithMessage("Give at least one role: member, operator, treasurer or owner.");
        RuleForEach(r => r.Roles).Must(role => SpaceRoles.All.Contains(role)).WithMessage("'{PropertyValue}' is not a role: use member, operator, treasurer or owner.");
    }
}

public sealed partial class ThemeRequestValidator : AbstractValidator<ThemeRequest>
{
    public ThemeRequestValidator()
    {
        RuleFor(r => r.AccentColor).Must(c => c is null || Colour().IsMatch(c)).WithMessage("Give the accent colour as #rrggbb.");
        // The logo is uploaded (PUT {S}/api/space/logo) and served from the space's own address.
        RuleFor(r => r.LogoUrl).Null()
            .WithMessage("Upload the logo with PUT /api/space/logo (PNG, JPEG or WebP): the platform keeps it, so visitors' browsers call no other host.");
    }

    // \z, not $: "$" also matches before a final newline, which would let "#123456\n" through.
    [GeneratedRegex(@"^#[0-9a-fA-F]{6}\z")]
    private static partial Regex Colour();
}

/// <summary>What granting roles needs besides the body and the caller: the space, its people, the invitation email.</summary>
public readonly record struct GrantServices(ITenantContext Tenants, SpacePeople People, GatewayDbContext Db, IValidator<GrantRequest> Validator, AccountEmails Emails);

/// <summary><c>{S}/api/space/people</c> (roles per space) and <c>{S}/api/space/theme</c>.</summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var space = app.MapGroup("/api/space").WithTags("Spaces").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().TenantId is null
                ? ProblemResults.NotFound()
                : await next(context));
        // 401 for nobody, 404 for a person with no role here (or no such space), 403 for roles that do not allow it.
        space.MapGet("/people", ListAsync).ProducesDenials();
        space.MapPost("/people", GrantAsync).ProducesDenials().ProducesProblem(StatusCodes.Status421MisdirectedRequest);
        space.MapDelete("/people/{id}/roles/{role}", RevokeAsync).ProducesDenials().ProducesProblem(StatusCodes.Status409Conflict);
        space.MapPersonExport();
        space.MapPost("/join", JoinAsync).ProducesDenials();
        space.MapPut("/theme", SetThemeAsync).ProducesDenials();
        space.MapPut("/logo", SetLogoAsync).ProducesDenials()
            .Accepts<byte[]>("image/png", "image/jpeg", "image/webp")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        space.MapDelete("/logo", DeleteLogoAsync).ProducesDenials();
        space.MapGet("/logo", GetLogoAsync).Produces<byte[]>(StatusCodes.Status200OK, "image/png", "image/jpeg", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound)
            // An image answers with its bytes only: nothing in it may run, even opened on its own.
            .WithContentSecurityPolicy("default-src 'none'; sandbox");
        return app;
    }

    private static RouteHandlerBuilder ProducesDenials(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// The signed-in person joins a space where they were given a role: from then on the space sees the name they
    /// chose. Coming to the space's pages signed in does the same.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> JoinAsync(ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (caller.Id is not { } id || !await people.JoinAsync(spaceId, id, ct))
        {
            return ProblemResults.Denied(caller, "Only a person given a role in this space joins it.");
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<PersonResponse>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOperator)
        {
            return ProblemResults.Denied(caller, "Only the space's owners and operators see its people.");
        }

        return TypedResults.Ok(await people.ListAsync(spaceId, ct));
    }

    private static async Task<Results<Created<PersonResponse>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        GrantRequest? request, ClaimsPrincipal user, HttpRequest http, [AsParameters] GrantServices services, CancellationToken ct)
    {
        var (tenants, people, db, validator, emails) = services;
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOperator)
        {
            return ProblemResults.Denied(caller, "Only the space's owners (and operators, for members) grant roles.");
        }

        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        if (!caller.IsOwner && request!.Roles!.Any(r => r != SpaceRoles.Member))
        {
            return ProblemResults.Denied(true, "Operators may add members; only an owner grants the other roles.");
        }

        if (!emails.CanLink(http))
        {
            // Checked before anything changes: an invitation may have to be emailed.
            return TypedResults.Problem(statusCode: StatusCodes.Status421MisdirectedRequest, detail: AccountFlows.Misdirected().Detail);
        }

        var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
        try
        {
            var person = await people.GrantAsync(space, request!.Email!.Trim(), request.DisplayName, request.Roles!, caller.Id, http, ct);
            return TypedResults.Created($"{http.PathBase}/api/space/people/{person.Id}", person);
        }
        catch (GrantRefusedException refused)
        {
            return ProblemResults.Validation("email", refused.Message);
        }
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> RevokeAsync(
        string id, string role, ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, GatewayDbContext db, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOwner)
        {
            return ProblemResults.Denied(caller, "Only the space's owners revoke roles.");
        }

        if (!Guid.TryParse(id, out var accountId))
        {
            return ProblemResults.NotFound();
        }

        var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
        var (person, refusal) = await people.RevokeAsync(space, accountId, role, ct);
        return refusal is not null
            ? ProblemResults.Conflict(refusal)
            : person is null ? ProblemResults.NotFound("This person does not hold that role in this space.") : TypedResults.Ok(person);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetThemeAsync(
        ThemeRequest? request, ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, GatewayDbContext db,
        IValidator<ThemeRequest> validator, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOwner)
        {
            return ProblemResults.Denied(caller, "Only the space's owners change its theme.");
        }

        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
        space.AccentColor = request!.AccentColor?.ToLowerInvariant();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetLogoAsync(
        HttpRequest http, ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, GatewayDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOwner)
        {
            return ProblemResults.Denied(caller, "Only the space's owners change its logo.");
        }

        if (http.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the logo as the body, with Content-Type image/png, image/jpeg or image/webp.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > SpaceLogo.MaxBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                    detail: $"A logo is at most {SpaceLogo.MaxBytes / 1024} KiB.");
            }

            body.Write(buffer, 0, read);
        }

        var bytes = body.ToArray();
        var type = SpaceLogo.Sniff(bytes);
        if (type is null || !http.ContentType!.StartsWith(type, StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResults.Validation("body", "The body is not a PNG, JPEG or WebP image of the type its Content-Type says.");
        }

        // Two first uploads at once: the second one's insert meets the first's row, and simply replaces it.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SaveLogoAsync(db, spaceId, type, bytes, clock.GetUtcNow().UtcDateTime, ct);
                return TypedResults.NoContent();
            }
            catch (DbUpdateException ex) when (attempt == 0 && TransientDatabaseFailures.IsConstraintViolation(ex, out _))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task SaveLogoAsync(GatewayDbContext db, Guid spaceId, string type, byte[] bytes, DateTime now, CancellationToken ct)
    {
        var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
        var logo = await db.SpaceLogos.FirstOrDefaultAsync(l => l.SpaceId == spaceId, ct);
        if (logo is null)
        {
            db.SpaceLogos.Add(new SpaceLogo { SpaceId = spaceId, ContentType = type, Content = bytes, UpdatedAt = now });
        }
        else
        {
            (logo.ContentType, logo.Content, logo.UpdatedAt) = (type, bytes, now);
        }

        space.LogoUpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteLogoAsync(
        ClaimsPrincipal user, ITenantContext tenants, SpacePeople people, GatewayDbContext db, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var caller = await people.CallerAsync(user, spaceId, ct);
        if (!caller.IsOwner)
        {
            return ProblemResults.Denied(caller, "Only the space's owners change its logo.");
        }

        // One SaveChanges, one transaction: the logo and the space's record of it go together.
        if (await db.SpaceLogos.FirstOrDefaultAsync(l => l.SpaceId == spaceId, ct) is { } logo)
        {
            db.SpaceLogos.Remove(logo);
        }

        var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
        space.LogoUpdatedAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The logo, for anyone (every visitor's page shows it).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLogoAsync(ITenantContext tenants, GatewayDbContext db, HttpResponse response, CancellationToken ct)
    {
        var spaceId = tenants.TenantId!.Value;
        var logo = await db.SpaceLogos.AsNoTracking().FirstOrDefaultAsync(l => l.SpaceId == spaceId, ct);
        if (logo is null)
        {
            return ProblemResults.NotFound("This space has no logo.");
        }

        // Its address changes with each upload (?v=), so a day of caching never shows an old one.
        response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(logo.Content, logo.ContentType, lastModified: new DateTimeOffset(logo.UpdatedAt, TimeSpan.Zero));
    }
}
