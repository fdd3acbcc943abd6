using Microsoft.AspNetCore.Identity;

namespace Operators.Gateway.Accounts;

/// <summary>One account per person across the network; its id is the person's id in every service.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
}

public static class NetworkRoles
{
    public const string NetworkAdmin = "network-admin";
}
