using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Operators.Gateway.Accounts;

/// <summary>
/// Creates the first network-admin from <c>Bootstrap:AdminEmail</c> / <c>Bootstrap:AdminPassword</c> when the
/// network has none. Runs after migrations (which happen while the host is starting).
/// </summary>
internal sealed class BootstrapAdmin(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();

        if (!await roles.RoleExistsAsync(NetworkRoles.NetworkAdmin))
        {
            Check(await roles.CreateAsync(new IdentityRole<Guid>(NetworkRoles.NetworkAdmin)), "create the network-admin role");
        }

        if ((await users.GetUsersInRoleAsync(NetworkRoles.NetworkAdmin)).Count > 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No network-admin exists and Bootstrap:AdminEmail / Bootstrap:AdminPassword are not set: nobody can create spaces");
            return;
        }

        var account = await users.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == users.NormalizeEmail(email), cancellationToken);
        string how;
        if (account is null)
        {
            account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Network admin" };
            Check(await users.CreateAsync(account, password), "create the bootstrap admin");
            how = "created";
        }
        else if (account.Invited || !account.EmailConfirmed)
        {
            // Nobody has proven this mailbox: whoever holds the configuration owns the address, and the configured
            // password replaces any chosen by an unconfirmed sign-up (whose sessions and links end with the stamp).
            account.Invited = false;
            account.EmailConfirmed = true;
            Check(await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), password), "set the bootstrap admin's password");
            how = "taken over from an unconfirmed sign-up";
        }
        else
        {
            how = "promoted (the account keeps its own password)";
        }

        Check(await users.AddToRoleAsync(account, NetworkRoles.NetworkAdmin), "grant network-admin");
        logger.LogInformation("Network-admin {Email} {How} from the Bootstrap configuration", email, how);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
