using System.Data;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.People;
using Operators.Gateway.Accounts;
using Operators.Gateway.Email;
using Operators.ServiceDefaults.Email;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.People;

/// <summary>The email cannot be an account (Identity refused it): a 400 on the email field, not a 500.</summary>
public sealed class GrantRefusedException(string message) : Exception(message);

/// <summary>A person of a space as the people API shows them: as the space knows them (see <see cref="SpacePerson"/>).</summary>
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

    /// <summary>The space's people as the space knows them (see <see cref="SpacePerson"/>).</summary>
    public async Task<List<PersonResponse>> ListAsync(Guid spaceId, CancellationToken ct)
    {
        var rows = await (from role in db.SpaceRoles.AsNoTracking()
                          join person in db.SpacePeople.AsNoTracking() on new { role.SpaceId, role.AccountId } equals new { person.SpaceId, person.AccountId }
                          join account in db.Users.AsNoTracking() on role.AccountId equals account.Id
                          where role.SpaceId == spaceId
                          select new { account.Id, account.Email, Own = account.DisplayName, Given = person.DisplayName, person.JoinedAt, role.Role })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id)
            .Select(g =>
            {
                var p = g.First();
                return Person(p.Id, p.Email!, p.JoinedAt is null ? p.Given : p.Own, p.JoinedAt is not null, g.Select(r => r.Role));
            })
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// The person joins the space (they came to it signed in, or asked to): from then on it sees the name they
    /// chose. False when they hold no role there.
    /// </summary>
    public async Task<bool> JoinAsync(Guid spaceId, Guid accountId, CancellationToken ct)
    {
        var person = await db.SpacePeople.FirstOrDefaultAsync(p => p.SpaceId == spaceId && p.AccountId == accountId, ct);
        if (person is null)
        {
            return false;
        }

        if (person.JoinedAt is null)
        {
            person.JoinedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return true;
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
        var given = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim();

        // The account (saved by Identity itself) and the roles commit together, or neither does.
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var owned = transaction;
        var account = await users.FindByEmailAsync(email);
        var invite = false;
        if (account is null)
        {
            account = new Account
            {
                Id = Account.NewId(),
                UserName = email,
                Email = email,
                DisplayName = given,
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

        // How this space knows the person: what its operator typed, until the person joins it — whether or not the
        // email had an account elsewhere, the answer below is the same.
        var person = await db.SpacePeople.FirstOrDefaultAsync(p => p.SpaceId == space.Id && p.AccountId == account.Id, ct);
        var added = person is null;
        if (person is null)
        {
            person = new SpacePerson { SpaceId = space.Id, AccountId = account.Id, DisplayName = given, AddedAt = now };
            db.SpacePeople.Add(person);
        }

        var held = await db.SpaceRoles.Where(r => r.SpaceId == space.Id && r.AccountId == account.Id).Select(r => r.Role).ToListAsync(ct);
        var granted = roles.Where(r => !held.Contains(r)).Distinct().ToList();
        foreach (var role in granted)
        {
            db.SpaceRoles.Add(new SpaceRole { SpaceId = space.Id, AccountId = account.Id, Role = role, GrantedAt = now, GrantedBy = grantedBy });
        }

        var all = held.Concat(granted).Order(StringComparer.Ordinal).ToList();
        var seen = Person(account.Id, account.Email!, person.JoinedAt is null ? person.DisplayName : account.DisplayName, person.JoinedAt is not null, all);
        if (granted.Count > 0 && space.Status == Operators.Tenancy.TenantStatus.Active)
        {
            Publish(seen, held.Count == 0);
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        if (request is not null && (invite || (added && account.Invited)))
        {
            await emails.SendInvitationAsync(request, account, await users.GeneratePasswordResetTokenAsync(account), space.Name, space.Slug, ct);
        }
        else if (request is not null && added)
        {
            await emails.SendAddedToSpaceAsync(request, account, space.Name, space.Slug, ct);
        }

        return seen;
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
        var person = await db.SpacePeople.FirstAsync(p => p.SpaceId == space.Id && p.AccountId == accountId, ct);
        var left = await db.SpaceRoles.Where(r => r.SpaceId == space.Id && r.AccountId == accountId && r.Role != role).Select(r => r.Role).ToListAsync(ct);
        left.Sort(StringComparer.Ordinal);
        if (left.Count == 0)
        {
            // Gone from the space: given a role again later, they are a newcomer, known by the name typed then.
            db.SpacePeople.Remove(person);
        }

        outbox.Publish(new PersonRolesChanged(accountId, left));
        await db.SaveChangesAsync(ct);
        return (Person(account.Id, account.Email!, person.JoinedAt is null ? person.DisplayName : account.DisplayName, person.JoinedAt is not null, left), null);
    }

    /// <summary>
    /// A person erased from a space (<c>MemberErased</c>), inside the caller's transaction: every role they held there
    /// and how the space knew them go (the services hear they left: <see cref="PersonRolesChanged"/> with no role),
    /// as does their name and email where the space recorded them as its first owner. Their account goes too once
    /// nothing else needs it: no role in any other space, not a network admin. True when the account was deleted;
    /// <paramref name="leftWithoutOwner"/> when they were the space's last owner (a network admin may grant one).
    /// </summary>
    public async Task<(bool AccountDeleted, bool LeftWithoutOwner)> EraseFromSpaceAsync(Guid spaceId, Guid accountId, CancellationToken ct)
    {
        var roles = await db.SpaceRoles.Where(r => r.SpaceId == spaceId && r.AccountId == accountId).ToListAsync(ct);
        db.SpaceRoles.RemoveRange(roles);
        if (await db.SpacePeople.FirstOrDefaultAsync(p => p.SpaceId == spaceId && p.AccountId == accountId, ct) is { } person)
        {
            db.SpacePeople.Remove(person);
        }

        if (roles.Count > 0)
        {
            outbox.Publish(new PersonRolesChanged(accountId, []));
        }

        // Sent events that told the services their name and email are not kept any longer.
        await outbox.ForgetSentAboutAsync(accountId, ct);

        var leftWithoutOwner = roles.Any(r => r.Role == SpaceRoles.Owner)
            && !await db.SpaceRoles.AnyAsync(r => r.SpaceId == spaceId && r.AccountId != accountId && r.Role == SpaceRoles.Owner, ct);
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is not null)
        {
            var space = await db.Spaces.FirstAsync(s => s.Id == spaceId, ct);
            if (string.Equals(users.NormalizeEmail(space.OwnerEmail), account.NormalizedEmail, StringComparison.Ordinal))
            {
                space.OwnerEmail = "";
                space.OwnerDisplayName = "";
            }
        }

        await db.SaveChangesAsync(ct);
        if (account is null
            || await db.SpaceRoles.AnyAsync(r => r.AccountId == accountId, ct)
            || await users.IsInRoleAsync(account, NetworkRoles.NetworkAdmin))
        {
            return (false, leftWithoutOwner);
        }

        var deleted = await users.DeleteAsync(account);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("Could not delete the erased person's account: " + string.Join(" ", deleted.Errors.Select(e => e.Description)));
        }

        return (true, leftWithoutOwner);
    }

    /// <summary>When a space becomes active, the services learn about the people granted roles while it was provisioning.</summary>
    public async Task AnnounceAllAsync(Guid spaceId, CancellationToken ct)
    {
        foreach (var person in await ListAsync(spaceId, ct))
        {
            outbox.Publish(new PersonJoinedSpace(Guid.Parse(person.Id), person.Email, person.DisplayName, person.Roles, person.Status == "invited"));
        }
    }

    // The services learn of the person as the space knows them, no more.
    private void Publish(PersonResponse person, bool first)
    {
        if (first)
        {
            outbox.Publish(new PersonJoinedSpace(Guid.Parse(person.Id), person.Email, person.DisplayName, person.Roles, person.Status == "invited"));
        }
        else
        {
            outbox.Publish(new PersonRolesChanged(Guid.Parse(person.Id), person.Roles, person.Email, person.DisplayName));
        }
    }

    /// <summary>
    /// "invited" until the person joins the space, "active" after. Until then the email is shown in lower case:
    /// accounts are found by email ignoring case, so echoing the account's own spelling would tell the space that
    /// someone had already registered it elsewhere.
    /// </summary>
    private static PersonResponse Person(Guid id, string email, string displayName, bool joined, IEnumerable<string> roles) =>
        new(id.ToString(), joined ? email : email.ToLowerInvariant(), displayName, roles.Order(StringComparer.Ordinal).ToList(), joined ? "active" : "invited");
}
