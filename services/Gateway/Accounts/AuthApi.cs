using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Validation;

namespace Operators.Gateway.Accounts;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record RegisteredResponse(string Email, string Status);

public sealed record ConfirmRequest(string? UserId, string? Code, string? Password);

public sealed record PasswordLinkRequest(string? UserId, string? Code, string? Password, string? DisplayName = null);

public sealed record EmailRequest(string? Email);

public sealed record MeResponse(string Id, string Email, string DisplayName, IReadOnlyList<MeSpaceResponse> Spaces, bool NetworkAdmin);

public sealed record MeSpaceResponse(string Slug, string Name, IReadOnlyList<string> Roles);

public sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress();
        RuleFor(r => r.Password).NotEmpty();
    }
}

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256).PlainText();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200).PlainText();
    }
}

public sealed class PasswordLinkRequestValidator : AbstractValidator<PasswordLinkRequest>
{
    public PasswordLinkRequestValidator()
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.Code).NotEmpty();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DisplayName).MaximumLength(200).PlainText();
    }
}

/// <summary>What <c>POST /auth/token</c> needs besides the body: checking the password and minting the token.</summary>
public readonly record struct TokenServices(IValidator<TokenRequest> Validator, UserManager<Account> Users, SignInManager<Account> SignIn, UserTokenIssuer Tokens);

/// <summary>
/// Accounts at the edge: registration with a confirmed email, bearer tokens, one-time links (confirmation,
/// invitation claim, password reset) and who-am-I with the roles per space. Rate limited per client address.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Accounts");
        // 409 (email taken) and 421 (a link cannot be built on the host the request named).
        auth.MapPost("/register", RegisterAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status421MisdirectedRequest);
        // 401 (unknown email or wrong password), 403 (email not confirmed), 429 (locked out).
        auth.MapPost("/token", IssueTokenAsync).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/confirm-email", ConfirmAsync);
        auth.MapPost("/claim", ClaimAsync);
        auth.MapPost("/forgot-password", ForgotAsync);
        auth.MapPost("/reset-password", ResetAsync);
        auth.MapGet("/me", GetMeAsync).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<RegisteredResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest? request, HttpRequest http, IValidator<RegisterRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var (result, account) = await flows.RegisterAsync(http, request!.Email!.Trim(), request.Password!, request.DisplayName!.Trim(), SpaceSlugOf(http), ct);
        if (result.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!result.Succeeded)
        {
            return Problem(result);
        }

        // invited: the email was invited (or signed up for and never confirmed) — the link sent chooses the password.
        var status = account!.Invited ? "invited" : account.EmailConfirmed ? "active" : "pending-confirmation";
        return TypedResults.Created("/auth/me", new RegisteredResponse(account.Email!, status));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest? request, [AsParameters] TokenServices services, CancellationToken ct)
    {
        if (await services.Validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var account = await services.Users.FindByEmailAsync(request!.Email!);
        if (account is null || account.Invited)
        {
            return InvalidCredentials();
        }

        var result = await services.SignIn.CheckPasswordSignInAsync(account, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                detail: "Too many failed sign-ins: this account is locked for a few minutes.");
        }

        if (result.IsNotAllowed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: "Confirm your email first: follow the link we sent you (or ask for a new one with forgot-password).");
        }

        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        var (token, lifetime) = services.Tokens.Issue(account, await services.Users.GetRolesAsync(account));
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ConfirmAsync(ConfirmRequest? request, AccountFlows flows) =>
        request is null ? ProblemResults.Validation("body", "A JSON body is required.") : Outcome(await flows.ConfirmAsync(request.UserId, request.Code, request.Password));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        PasswordLinkRequest? request, IValidator<PasswordLinkRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        return Outcome(await flows.ClaimAsync(request!.UserId, request.Code, request.Password!, request.DisplayName));
    }

    private static async Task<Results<Accepted, ValidationProblem>> ForgotAsync(EmailRequest? request, HttpRequest http, AccountFlows flows, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Email))
        {
            return ProblemResults.Validation("email", "Give the email of the account.");
        }

        await flows.ForgotAsync(http, request.Email.Trim(), SpaceSlugOf(http), ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        PasswordLinkRequest? request, IValidator<PasswordLinkRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        return Outcome(await flows.ResetAsync(request!.UserId, request.Code, request.Password!));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        ClaimsPrincipal user, AccountFlows flows, UserManager<Account> users, GatewayDbContext db, CancellationToken ct)
    {
        var account = await flows.CurrentAsync(user, ct);
        if (account is null)
        {
            return ProblemResults.NotFound("This account no longer exists.");
        }

        var roles = await users.GetRolesAsync(account);
        var spaces = await MySpacesAsync(db, account.Id, ct);
        return TypedResults.Ok(new MeResponse(account.Id.ToString(), account.Email ?? "", account.DisplayName, spaces, roles.Contains(NetworkRoles.NetworkAdmin)));
    }

    /// <summary>The spaces an account holds roles in, with those roles.</summary>
    public static async Task<List<MeSpaceResponse>> MySpacesAsync(GatewayDbContext db, Guid accountId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from role in db.SpaceRoles.AsNoTracking()
                          join space in db.Spaces.AsNoTracking() on role.SpaceId equals space.Id
                          where role.AccountId == accountId
                          select new { space.Slug, space.Name, role.Role })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Slug)
            .Select(g => new MeSpaceResponse(g.Key, g.First().Name, g.Select(r => r.Role).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(s => s.Slug, StringComparer.Ordinal)
            .ToList();
    }

    // Links sent from inside a space lead back into that space's (themed) pages.
    private static string? SpaceSlugOf(HttpRequest http) =>
        http.HttpContext.RequestServices.GetRequiredService<Operators.Tenancy.ITenantContext>().Tenant?.Slug;

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Outcome(FlowResult result)
    {
        if (result.Succeeded)
        {
            return TypedResults.NoContent();
        }

        return result.Errors is { } errors ? TypedResults.ValidationProblem(errors) : Problem(result);
    }

    private static ProblemHttpResult Problem(FlowResult result) => TypedResults.Problem(statusCode: result.Status, detail: result.Detail);

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Unknown email or wrong password.");
}
