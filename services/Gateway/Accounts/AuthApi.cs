using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.Accounts;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record MeResponse(string Id, string Email, string DisplayName, IReadOnlyList<MeSpaceResponse> Spaces, bool NetworkAdmin);

public sealed record MeSpaceResponse(string Slug, IReadOnlyList<string> Roles);

public sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress();
        RuleFor(r => r.Password).NotEmpty();
    }
}

/// <summary>Accounts at the edge. Registration and roles per space arrive with the intranet.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/token", IssueTokenAsync);
        auth.MapGet("/me", GetMeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
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
        if (account is null)
        {
            return InvalidCredentials();
        }

        var result = await signIn.CheckPasswordSignInAsync(account, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                detail: "Too many failed sign-ins: this account is locked for a few minutes.");
        }

        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        var (token, lifetime) = tokens.Issue(account, await users.GetRolesAsync(account));
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(ClaimsPrincipal user, UserManager<Account> users)
    {
        var account = await users.FindByIdAsync(user.FindFirstValue(InternalClaims.Subject) ?? "");
        if (account is null)
        {
            return ProblemResults.NotFound("This account no longer exists.");
        }

        var roles = await users.GetRolesAsync(account);
        return TypedResults.Ok(new MeResponse(account.Id.ToString(), account.Email ?? "", account.DisplayName, [], roles.Contains(NetworkRoles.NetworkAdmin)));
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Unknown email or wrong password.");
}
