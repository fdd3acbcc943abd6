using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Http;

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
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
    }
}

public sealed class PasswordLinkRequestValidator : AbstractValidator<PasswordLinkRequest>
{
    public PasswordLinkRequestValidator()
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.Code).NotEmpty();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DisplayName).MaximumLength(200);
    }
}

/// <summary>
/// Accounts at the edge: registration with a confirmed email, bearer tokens, one-time links (confirmation,
/// invitation claim, password reset) and who-am-I with the roles per space. Rate limited per client address.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", RegisterAsync);
        auth.MapPost("/token", IssueTokenAsync);
        auth.MapPost("/confirm-email", ConfirmAsync);
        auth.MapPost("/claim", ClaimAsync);
        auth.MapPost("/forgot-password", ForgotAsync);
        auth.MapPost("/reset-password", ResetAsync);
        auth.MapGet("/me", GetMeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterRequest? request, HttpRequest http, IValidator<RegisterRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var (result, account) = await flows.RegisterAsync(http, request!.Email!.Trim(), request.Password!, request.DisplayName!.Trim(), SpaceSlugOf(http), ct);
        if (!result.Succeeded)
        {
            return ToResult(result);
        }

        // invited: the email was invited (or signed up for and never confirmed) — the link sent chooses the password.
        var status = account!.Invited ? "invited" : account.EmailConfirmed ? "active" : "pending-confirmation";
        return TypedResults.Created("/auth/me", new RegisteredResponse(account.Email!, status));
    }

    private static async Task<IResult> IssueTokenAsync(
        TokenRequest? request,
        IValidator<TokenRequest> validator,
        UserManager<Account> users,
        SignInManager<Account> signIn,
        UserTokenIssuer tokens,
        CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var account = await users.FindByEmailAsync(request!.Email!);
        if (account is null || account.Invited)
        {
            return InvalidCredentials();
        }

        var result = await signIn.CheckPasswordSignInAsync(account, request.Password!, lockoutOnFailure: true);
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

        var (token, lifetime) = tokens.Issue(account, await users.GetRolesAsync(account));
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
    }

    private static async Task<IResult> ConfirmAsync(ConfirmRequest? request, AccountFlows flows) =>
        request is null ? ProblemResults.Validation("body", "A JSON body is required.") : ToResult(await flows.ConfirmAsync(request.UserId, request.Code, request.Password), TypedResults.NoContent());

    private static async Task<IResult> ClaimAsync(PasswordLinkRequest? request, IValidator<PasswordLinkRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        return ToResult(await flows.ClaimAsync(request!.UserId, request.Code, request.Password!, request.DisplayName), TypedResults.NoContent());
    }

    private static async Task<IResult> ForgotAsync(EmailRequest? request, HttpRequest http, AccountFlows flows, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Email))
        {
            return ProblemResults.Validation("email", "Give the email of the account.");
        }

        await flows.ForgotAsync(http, request.Email.Trim(), SpaceSlugOf(http), ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> ResetAsync(PasswordLinkRequest? request, IValidator<PasswordLinkRequest> validator, AccountFlows flows, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        return ToResult(await flows.ResetAsync(request!.UserId, request.Code, request.Password!), TypedResults.NoContent());
    }

    private static async Task<IResult> GetMeAsync(ClaimsPrincipal user, AccountFlows flows, UserManager<Account> users, GatewayDbContext db, CancellationToken ct)
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

    private static IResult ToResult(FlowResult result, IResult? success = null) => result switch
    {
        { Succeeded: true } => success ?? TypedResults.NoContent(),
        { Errors: { } errors } => TypedResults.ValidationProblem(errors),
        _ => TypedResults.Problem(statusCode: result.Status, detail: result.Detail),
    };

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Unknown email or wrong password.");
}
