using System.Data;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.People;
using Operators.Gateway.Accounts;
using Operators.Gateway.Email;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.People;

/// <summary>The email cannot be an account (Identity refused it): a 400 on the email field, not a 500.</summary>
public sealed class GrantRefusedException(string message) : Exception(message);

/// <summary>A person of a space as the people API shows them.</summary>
public sealed record PersonResponse(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status);

/// <summary>
/// Roles per space: who holds what, granting by email (finding or inviting the account), revoking. Granting and
/// revoking publish <see cref="PersonJoinedSpace"/> / <see cref="PersonRolesChanged"/> in the same transaction.
/// </summary>
public sealed class SpacePeople(GatewayDbContext db, UserManager<Account> users, Outbox<GatewayDbContext> outbox, AccountEmails emails, TimeProvider clock)
{
    /// <summary>The roles an account holds in a space, plus <c>network-admin</c> when it is one (it acts as owner anywhere).</summary>
    public async Task<IReadOnlyList<string>> RolesOfAsync(Guid accountId, Guid spaceId, bool networkAdmin, CancellationToken ct)
    {
        var roles = await db.SpaceRoles.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.SpaceId == spaceId)
            .Select(r => r.Role)
            .ToListAsync(ct);
        if (networkAdmin)
        {
            roles.Add(SpaceRoles.NetworkAdmin);
        }

        return roles;
    }

    public async Task<List<PersonResponse>> ListAsync(Guid spaceId, CancellationToken ct)
    {
        var rows = await (from role in db.SpaceRoles.AsNoTracking()
                          join account in db.Users.AsNoTracking() on role.AccountId equals account.Id
                          where role.SpaceId == spaceId
                          select new { account.Id, account.Email, account.DisplayName, account.Invited, role.Role })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id)
            .Select(g => Person(g.First().Id, g.First().Email!, g.First().DisplayName, g.First().Invited, g.Select(r => r.Role)))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Finds the account of <paramref name="email"/> or creates it invited (its id usable at once), then grants the
    /// roles it does not hold yet. The invitation email goes out after the commit.
    /// </summary>
    public async Task<PersonResponse> GrantAsync(SpaceRecord space, string email, string? displayName, IReadOnlyCollection<string> roles, Guid? grantedBy, HttpRequest? request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(space);
        // Another request may create the same account or grant the same role a moment before this one (the unique
        // indexes refuse the duplicate and the transaction rolls back): start again from what is there then. Not
        // inside a caller's transaction, which the failure has spoiled.
        var ownTransaction = db.Database.CurrentTransaction is null;
        return await AgainOnConflictAsync(
            () => GrantOnceAsync(space, email, displayName, roles, grantedBy, request, ct),
            e => ownTransaction && e is DbUpdateException,
            attempts: 3);
    }

    /// <summary>Runs <paramref name="work"/>, and again from a clean change tracker when it fails with a conflict.</summary>
    private async Task<T> AgainOnConflictAsync<T>(Func<Task<T>> work, Func<Exception, bool> isConflict, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (attempt < attempts && isConflict(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<PersonResponse> GrantOnceAsync(SpaceRecord space, string email, string? displayName, IReadOnlyCollection<string> roles, Guid? grantedBy, HttpRequest? request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // The account (saved by Identity itself) and the roles commit together, or neither does.
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var owned = transaction;
        var account = await users.FindByEmailAsync(email);
        var invite = false;
        if (account is null)
        {
            account = new Account
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(),
                Invited = true,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(account);
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                // Created by a request running alongside, after this one looked: the same conflict as a unique index's.
                throw new DbUpdateException($"An account for {email} was created by another request a moment ago.");
            }

            if (!created.Succeeded)
            {
                throw new GrantRefusedException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            invite = true;
        }
        else if (!account.Invited && !account.EmailConfirmed)
        {
            // Registered by someone who never proved this mailbox: the roles must not go to them. The account
            // becomes invited (their password and links dropped) and the mailbox gets the invitation.
            await users.MakeInvitedAsync(account);
            invite = true;
        }

        var held = await db.SpaceRoles.Where(r => r.SpaceId == space.Id && r.AccountId == account.Id).Select(r => r.Role).ToListAsync(ct);
        var added = roles.Where(r => !held.Contains(r)).Distinct().ToList();
        foreach (var role in added)
        {
            db.SpaceRoles.Add(new SpaceRole { SpaceId = space.Id, AccountId = account.Id, Role = role, GrantedAt = now, GrantedBy = grantedBy });
        }

        var all = held.Concat(added).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0 && space.Status == Operators.Tenancy.TenantStatus.Active)
        {
            Publish(account, held.Count == 0, all);
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        if (invite && request is not null)
        {
            await emails.SendInvitationAsync(request, account, await users.GeneratePasswordResetTokenAsync(account), space.Name, space.Slug, ct);
        }

        return Person(account.Id, account.Email!, account.DisplayName, account.Invited, all);
    }

    /// <summary>Sends the invitation link to an account still waiting to be claimed (the owner of a new space).</summary>
    public async Task InviteIfNeededAsync(SpaceRecord space, string email, HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (await users.FindByEmailAsync(email) is { Invited: true } account)
        {
            await emails.SendInvitationAsync(request, account, await users.GeneratePasswordResetTokenAsync(account), space.Name, space.Slug, ct);
        }
    }

    /// <summary>Removes one role; refuses to leave a space without an owner. Null when the person holds no such role.</summary>
    public async Task<(PersonResponse? Person, string? Refusal)> RevokeAsync(SpaceRecord space, Guid accountId, string role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(space);
        // Serializable: two owners removing each other at once must not both pass the last-owner check; the one
        // PostgreSQL refuses (40001) runs again and meets the check.
        return await AgainOnConflictAsync(
            async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                var outcome = await RevokeOnceAsync(space, accountId, role, ct);
                await transaction.CommitAsync(ct);
                return outcome;
            },
            IsSerializationFailure,
            attempts: 5);
    }

    private static bool IsSerializationFailure(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is DbException { SqlState: "40001" })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<(PersonResponse? Person, string? Refusal)> RevokeOnceAsync(SpaceRecord space, Guid accountId, string role, CancellationToken ct)
    {
        var row = await db.SpaceRoles.FirstOrDefaultAsync(r => r.SpaceId == space.Id && r.AccountId == accountId && r.Role == role, ct);
        if (row is null)
        {
            return (null, null);
        }

        if (role == SpaceRoles.Owner && await db.SpaceRoles.CountAsync(r => r.SpaceId == space.Id && r.Role == SpaceRoles.Owner, ct) == 1)
        {
            return (null, "This is the space's last owner: grant the owner role to someone else first.");
        }

        db.SpaceRoles.Remove(row);
        var account = await db.Users.FirstAsync(u => u.Id == accountId, ct);
        var left = await db.SpaceRoles.Where(r => r.SpaceId == space.Id && r.AccountId == accountId && r.Role != role).Select(r => r.Role).ToListAsync(ct);
        left.Sort(StringComparer.Ordinal);
        outbox.Publish(new PersonRolesChanged(accountId, left));
        await db.SaveChangesAsync(ct);
        return (Person(account.Id, account.Email!, account.DisplayName, account.Invited, left), null);
    }

    /// <summary>When a space becomes active, the services learn about the people granted roles while it was provisioning.</summary>
    public async Task AnnounceAllAsync(Guid spaceId, CancellationToken ct)
    {
        foreach (var person in await ListAsync(spaceId, ct))
        {
            outbox.Publish(new PersonJoinedSpace(Guid.Parse(person.Id), person.Email, person.DisplayName, person.Roles, person.Status == "invited"));
        }
    }

    private void Publish(Account account, bool joined, IReadOnlyList<string> roles)
    {
        if (joined)
        {
            outbox.Publish(new PersonJoinedSpace(account.Id, account.Email!, account.DisplayName, roles, account.Invited));
        }
        else
        {
            outbox.Publish(new PersonRolesChanged(account.Id, roles));
        }
    }

    private static PersonResponse Person(Guid id, string email, string displayName, bool invited, IEnumerable<string> roles) =>
        new(id.ToString(), email, displayName, roles.Order(StringComparer.Ordinal).ToList(), invited ? "invited" : "active");
}
