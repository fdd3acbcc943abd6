
namespace Operators.Gateway.Spaces;

/// <summary>
/// A space's logo, kept by the platform and served from the space's own address: visitors' browsers never call
/// a host the owner chose (which would learn who visits, and when).
/// </summary>
public sealed class SpaceLogo
{
    /// <summary>The largest logo accepted, in bytes.</summary>
    public const int MaxBytes = 256 * 1024;

    public Guid SpaceId { get; set; }

    /// <summary><c>image/png</c>, <c>image/jpeg</c> or <c>image/webp</c> — never SVG, which may carry script.</summary>
    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The image type the bytes really are (by their signature), or null when they are none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : null;
    }
}
