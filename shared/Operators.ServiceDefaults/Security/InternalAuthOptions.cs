namespace Operators.ServiceDefaults.Security;

/// <summary>Configuration section <c>InternalAuth</c>: the gateway signs, services verify.</summary>
public sealed class InternalAuthOptions
{
    public const string Issuer = "operators-gateway";

    /// <summary>Base64 of at least 32 random bytes (HMAC-SHA256), shared by the gateway and the services.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);
}
