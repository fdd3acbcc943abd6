using Microsoft.AspNetCore.Identity;

namespace Operators.Gateway.Accounts;

/// <summary>One account per person across the network; its id is the person's id in every service.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// Created by someone granting a role to an email nobody had registered: usable as an id at once, but
    /// nobody can sign in with it until the person claims it through a link sent to that email.
    /// </summary>
    public bool Invited { get; set; }

    /// <summary>The interface language the person chose (fr or en); null until they choose.</summary>
    public string? Language { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// A random id (version 4): spaces see account ids, and a time-ordered one (version 7) would tell an operator
    /// when the account was made — so whether the email they just added already had one.
    /// </summary>
    public static Guid NewId() => Guid.NewGuid();
}

public static class AccountInvitations
{
    /// <summary>
    /// Turns an account nobody has proven the email of (registered, never confirmed) into an invited one: its
    /// password is dropped and its links stop working, so only whoever reads that mailbox can claim it, through a
    /// new link. Saved at once.
    /// </summary>
    public static async Task MakeInvitedAsync(this UserManager<Account> users, Account account)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(account);
        account.Invited = true;
        account.EmailConfirmed = false;
        account.PasswordHash = null;
        var saved = await users.UpdateSecurityStampAsync(account);
        if (saved.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            // Changed by another request since it was read: callers retry or answer a conflict.
            throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("The account changed while it was being reset to invited.");
        }

        if (!saved.Succeeded)
        {
            throw new InvalidOperationException("Could not reset the account to invited: " + string.Join(" ", saved.Errors.Select(e => e.Description)));
        }
    }
}

public static class NetworkRoles
{
    public const string NetworkAdmin = "network-admin";
}
