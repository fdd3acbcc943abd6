using System.Security.Cryptography;
using System.Text;

namespace Operators.Booking.DayPasses;

/// <summary>The secret in a guest's status link: 24 random bytes, base64url; compared in constant time.</summary>
internal static class AccessKeys
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool Match(string? stored, string? given) =>
        stored is not null && given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(given));
}
