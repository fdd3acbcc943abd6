namespace Operators.Gateway;

public static class GatewayPolicies
{
    public const string NetworkAdmin = "network-admin";
}
