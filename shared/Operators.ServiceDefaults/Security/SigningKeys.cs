using Microsoft.IdentityModel.Tokens;

namespace Operators.ServiceDefaults.Security;

public static class SigningKeys
{
    public static SymmetricSecurityKey FromBase64(string? base64, string setting)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{setting} is not configured (base64 of at least 32 random bytes).");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{setting} is not valid base64.", ex);
        }

        return bytes.Length < 32
            ? throw new InvalidOperationException($"{setting} must hold at least 32 bytes.")
            : new SymmetricSecurityKey(bytes);
    }

    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
