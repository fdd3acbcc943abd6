namespace Operators.Gateway.Accounts;

/// <summary>Configuration section <c>Auth</c>: bearer tokens the gateway gives API clients.</summary>
public sealed class UserTokenOptions
{
    public const string Issuer = "operators";
    public const string Audience = "operators-api";

    /// <summary>Base64 of at least 32 random bytes; distinct from the internal key, never leaves the gateway.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
}
