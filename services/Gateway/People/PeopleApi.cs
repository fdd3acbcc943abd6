using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Accounts;
using Operators.Gateway.Email;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Gateway.People;

public sealed record GrantRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles);

public sealed record ThemeRequest(string? AccentColor, string? LogoUrl);

public sealed class GrantRequestValidator : AbstractValidator<GrantRequest>
{
    public GrantRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(r => r.DisplayName).MaximumLength(200);
        RuleFor(r => r.Roles).NotEmpty().WithMessage("Give at least one role: member, operator, treasurer or owner.");
        RuleForEach(r => r.Roles).Must(role => SpaceRoles.All.Contains(role)).WithMessage("'{PropertyValue}' is not a role: use member, operator, treasurer or owner.");
    }
}

public sealed partial class ThemeRequestValidator : AbstractValidator<ThemeRequest>
{
    public ThemeRequestValidator()
    {
        RuleFor(r => r.AccentColor).Must(c => c is null || Colour().IsMatch(c)).WithMessage("Give the accent colour as #rrggbb.");
        RuleFor(r => r.LogoUrl).MaximumLength(500)
            .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            .WithMessage("The logo must be an https address.");
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
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
        space.MapGet("/people", ListAsync);
        space.MapPost("/people", GrantAsync);
        space.MapDelete("/people/{id}/roles/{role}", RevokeAsync);
        space.MapPut("/theme", SetThemeAsync);
        return app;
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
        space.LogoUrl = request.LogoUrl;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
