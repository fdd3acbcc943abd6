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

    /// <summary>
    /// The password chosen by whoever registered with an invited account's email, kept aside until the email is
    /// confirmed: registering alone must not hand over the roles the account was invited to.
    /// </summary>
    public string? PendingPasswordHash { get; set; }

    /// <summary>The interface language the person chose (fr or en); null until they choose.</summary>
    public string? Language { get; set; }

    public DateTime CreatedAt { get; set; }
}

public static class NetworkRoles
{
    public const string NetworkAdmin = "network-admin";
}
