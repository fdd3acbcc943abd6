namespace Operators.ServiceDefaults.Security;

public static class InternalClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Audience = "aud";
    public const string Email = "email";
    public const string Name = "name";
    public const string Scheme = "Internal";
    public const string NetworkAdmin = "network-admin";
}
