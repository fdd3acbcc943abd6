using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Operators.Gateway.Email;

namespace Operators.Gateway.Accounts;

/// <summary>The outcome of an account flow: success, field errors (400), or a problem with a status.</summary>
public sealed record FlowResult(bool Succeeded, IDictionary<string, string[]>? Errors = null, int Status = 200, string? Detail = null)
{
    public static FlowResult Ok { get; } = new(true);

    public static FlowResult Invalid(string field, params string[] messages) => new(false, new Dictionary<string, string[]> { [field] = messages }, 400);

    public static FlowResult Problem(int status, string detail) => new(false, null, status, detail);

    public static FlowResult From(IdentityResult result, string field = "password") =>
        result.Succeeded ? Ok : new(false, new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() }, 400);
}

public sealed class AuthOptions
{
    /// <summary>Sign-in needs a confirmed email (default true).</summary>
    public bool RequireConfirmedEmail { get; set; } = true;
}

/// <summary>
/// Registration, confirmation, invitation claims and password resets, shared by <c>/auth/*</c> and the intranet's
/// account pages so both behave the same way. Every link is one-time (Identity tokens bound to the security stamp).
/// </summary>
public sealed class AccountFlows(
    UserManager<Account> users,
    AccountEmails emails,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<AccountFlows> logger)
{
    public bool RequiresConfirmedEmail => options.Value.RequireConfirmedEmail;

    /// <summary>
    /// A new account, or — for an email an owner invited — a claim that completes when the email is confirmed. The
    /// chosen password is only applied to an invited account after that confirmation.
    /// </summary>
    public async Task<(FlowResult Result, Account? Account)> RegisterAsync(HttpRequest request, string email, string password, string displayName, string? spaceSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await users.FindByEmailAsync(email);
        if (existing is { Invited: false })
        {
            return (FlowResult.Problem(StatusCodes.Status409Conflict, "An account already uses this email: sign in, or reset its password."), null);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, existing ?? new Account(), password);
            if (!check.Succeeded)
            {
                return (FlowResult.From(check), null);
            }
        }

        if (existing is not null)
        {
            existing.PendingPasswordHash = users.PasswordHasher.HashPassword(existing, password);
            if (string.IsNullOrWhiteSpace(existing.DisplayName))
            {
                existing.DisplayName = displayName;
            }

            var updated = await users.UpdateAsync(existing);
            if (!updated.Succeeded)
            {
                return (FlowResult.From(updated, "email"), null);
            }

            await emails.SendConfirmationAsync(request, existing, await users.GenerateEmailConfirmationTokenAsync(existing), spaceSlug, ct);
            return (FlowResult.Ok, existing);
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = displayName,
            EmailConfirmed = !RequiresConfirmedEmail,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return (FlowResult.From(created, created.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? "email" : "password"), null);
        }

        if (RequiresConfirmedEmail)
        {
            await emails.SendConfirmationAsync(request, account, await users.GenerateEmailConfirmationTokenAsync(account), spaceSlug, ct);
        }

        return (FlowResult.Ok, account);
    }

    /// <summary>Confirms an email; an invited account registered for is claimed here, with the password chosen then.</summary>
    public async Task<FlowResult> ConfirmAsync(string? userId, string? code)
    {
        var (account, token) = await FindAsync(userId, code);
        if (account is null || token is null)
        {
            return InvalidLink();
        }

        var confirmed = await users.ConfirmEmailAsync(account, token);
        if (!confirmed.Succeeded)
        {
            return InvalidLink();
        }

        if (account.PendingPasswordHash is { } pending)
        {
            account.PasswordHash = pending;
            account.PendingPasswordHash = null;
            account.Invited = false;
            await users.UpdateSecurityStampAsync(account);
            logger.LogInformation("Invited account {AccountId} claimed by a confirmed registration", account.Id);
        }

        return FlowResult.Ok;
    }

    /// <summary>Claims an invited account through its invitation link: the link proves the email, the person sets a password.</summary>
    public async Task<FlowResult> ClaimAsync(string? userId, string? code, string password, string? displayName)
    {
        var (account, token) = await FindAsync(userId, code);
        if (account is null || token is null || !account.Invited)
        {
            return InvalidLink();
        }

        var reset = await users.ResetPasswordAsync(account, token, password);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? InvalidLink() : FlowResult.From(reset);
        }

        account.Invited = false;
        account.PendingPasswordHash = null;
        account.EmailConfirmed = true;
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            account.DisplayName = displayName.Trim();
        }

        return FlowResult.From(await users.UpdateAsync(account));
    }

    /// <summary>Sends a reset link when the email belongs to an account; says nothing either way.</summary>
    public async Task ForgotAsync(HttpRequest request, string email, string? spaceSlug, CancellationToken ct)
    {
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            logger.LogInformation("Password reset asked for an unknown email; nothing sent");
            return;
        }

        if (account.Invited)
        {
            // An invited person has no password yet: the invitation link is what they need.
            await emails.SendInvitationAsync(request, account, await users.GeneratePasswordResetTokenAsync(account), "Operators", spaceSlug, ct);
            return;
        }

        await emails.SendPasswordResetAsync(request, account, await users.GeneratePasswordResetTokenAsync(account), spaceSlug, ct);
    }

    public async Task<FlowResult> ResetAsync(string? userId, string? code, string password)
    {
        var (account, token) = await FindAsync(userId, code);
        if (account is null || token is null || account.Invited)
        {
            return InvalidLink();
        }

        var reset = await users.ResetPasswordAsync(account, token, password);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? InvalidLink() : FlowResult.From(reset);
        }

        // Following an emailed link proves the address too; and a reset ends a lockout.
        if (!account.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        return FlowResult.Ok;
    }

    /// <summary>Finds the account of a signed-in principal (bearer or cookie).</summary>
    public async Task<Account?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(Operators.ServiceDefaults.Security.InternalClaims.Subject) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(id, out var parsed) ? await users.Users.FirstOrDefaultAsync(u => u.Id == parsed, ct) : null;
    }

    private async Task<(Account? Account, string? Token)> FindAsync(string? userId, string? code)
    {
        var token = AccountEmails.DecodeToken(code);
        if (!Guid.TryParse(userId, out _) || token is null)
        {
            return (null, null);
        }

        return (await users.FindByIdAsync(userId!), token);
    }

    private static FlowResult InvalidLink() =>
        FlowResult.Problem(StatusCodes.Status400BadRequest, "This link is invalid or was already used. Ask for a new one.");
}
