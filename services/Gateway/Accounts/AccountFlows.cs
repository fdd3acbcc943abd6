using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Operators.Gateway.Email;
using Operators.ServiceDefaults.Email;
using Operators.Gateway.Persistence;
using Operators.ServiceDefaults.Validation;

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
    GatewayDbContext db,
    AccountEmails emails,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<AccountFlows> logger)
{
    public bool RequiresConfirmedEmail => options.Value.RequireConfirmedEmail;

    /// <summary>
    /// A new account, with a confirmation link. For an email already invited — or registered but never confirmed —
    /// nobody has proven the mailbox, so the password typed here is not used: the mailbox gets a link to choose
    /// one (the claim page), and only whoever reads it can take the account and the roles it was invited to.
    /// </summary>
    public async Task<(FlowResult Result, Account? Account)> RegisterAsync(HttpRequest request, string email, string password, string displayName, string? spaceSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((NotPlain(displayName, "displayName") ?? NotPlain(email, "email")) is { } invalid)
        {
            return (invalid, null);
        }

        if (!emails.CanLink(request))
        {
            // Checked before anything changes: the link this registration sends could not be built.
            return (Misdirected(), null);
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is { Invited: false } && (existing.EmailConfirmed || !RequiresConfirmedEmail))
        {
            return (Taken(), null);
        }

        if (existing is not null)
        {
            if (!existing.Invited)
            {
                try
                {
                    await users.MakeInvitedAsync(existing);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // The same sign-up sent twice at once: the other request is already sending the link.
                    return (Taken(), null);
                }

                logger.LogInformation("Unconfirmed account {AccountId} registered for again: reset to invited", existing.Id);
            }

            await emails.SendInvitationAsync(request, existing, await users.GeneratePasswordResetTokenAsync(existing), "Operators", spaceSlug, ct);
            return (FlowResult.Ok, existing);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, new Account(), password);
            if (!check.Succeeded)
            {
                return (FlowResult.From(check), null);
            }
        }

        var account = new Account
        {
            Id = Account.NewId(),
            UserName = email,
            Email = email,
            DisplayName = displayName,
            EmailConfirmed = !RequiresConfirmedEmail,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(account, password);
        }
        catch (DbUpdateException)
        {
            // The same email registered by a request running alongside (a double-submitted form, say).
            return (Taken(), null);
        }

        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? (Taken(), null)
                : (FlowResult.From(created, created.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? "email" : "password"), null);
        }

        if (RequiresConfirmedEmail)
        {
            await emails.SendConfirmationAsync(request, account, await users.GenerateEmailConfirmationTokenAsync(account), spaceSlug, ct);
        }

        return (FlowResult.Ok, account);
    }

    /// <summary>
    /// Confirms an email. The link proves the mailbox; the password proves it is the person who signed up — so a
    /// confirmation email someone else triggered cannot be clicked into confirming their account.
    /// </summary>
    public async Task<FlowResult> ConfirmAsync(string? userId, string? code, string? password)
    {
        var (account, token) = await FindAsync(userId, code);
        if (account is null || token is null || account.Invited)
        {
            return InvalidLink();
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(account, password))
        {
            await users.AccessFailedAsync(account);
            return FlowResult.Invalid("password", "This is not the password chosen when signing up.");
        }

        var confirmed = await users.ConfirmEmailAsync(account, token);
        return confirmed.Succeeded ? FlowResult.Ok : InvalidLink();
    }

    /// <summary>Claims an invited account through its invitation link: the link proves the email, the person sets a password.</summary>
    public async Task<FlowResult> ClaimAsync(string? userId, string? code, string password, string? displayName)
    {
        if (displayName is not null && NotPlain(displayName, "displayName") is { } invalid)
        {
            return invalid;
        }

        var (account, token) = await FindAsync(userId, code);
        if (account is null || token is null || !account.Invited)
        {
            return InvalidLink();
        }

        // The claim is one save: Identity stores the new password with these changes, or nothing at all.
        var previousName = account.DisplayName;
        account.Invited = false;
        account.EmailConfirmed = true;
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            account.DisplayName = displayName.Trim();
        }

        var reset = await users.ResetPasswordAsync(account, token, password);
        if (!reset.Succeeded)
        {
            account.Invited = true;
            account.EmailConfirmed = false;
            account.DisplayName = previousName;
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? InvalidLink() : FlowResult.From(reset);
        }

        // Taking the account accepts the invitations it holds: those spaces now see the person as they chose to be.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SpacePeople.Where(p => p.AccountId == account.Id && p.JoinedAt == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.JoinedAt, now));
        logger.LogInformation("Invited account {AccountId} claimed through its link", account.Id);
        return FlowResult.Ok;
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

        // Following an emailed link proves the address too, and a reset ends a lockout: all saved with the password.
        var (wasConfirmed, lockoutEnd, failures) = (account.EmailConfirmed, account.LockoutEnd, account.AccessFailedCount);
        account.EmailConfirmed = true;
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        var reset = await users.ResetPasswordAsync(account, token, password);
        if (!reset.Succeeded)
        {
            (account.EmailConfirmed, account.LockoutEnd, account.AccessFailedCount) = (wasConfirmed, lockoutEnd, failures);
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? InvalidLink() : FlowResult.From(reset);
        }

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

    /// <summary>The request named a host that is not this gateway's: no link may be built on it.</summary>
    public static FlowResult Misdirected() =>
        FlowResult.Problem(StatusCodes.Status421MisdirectedRequest, "This request was addressed to a host that is not this network's own address: use its usual address.");

    // The API's validators say the same; the intranet's account pages come here without them.
    private static FlowResult? NotPlain(string text, string field) =>
        TextRules.HasControlCharacters(text) ? FlowResult.Invalid(field, "Use one line of text, without control characters.") : null;

    private static FlowResult Taken() =>
        FlowResult.Problem(StatusCodes.Status409Conflict, "An account already uses this email: sign in, or reset its password.");

    private static FlowResult InvalidLink() =>
        FlowResult.Problem(StatusCodes.Status400BadRequest, "This link is invalid or was already used. Ask for a new one.");
}
