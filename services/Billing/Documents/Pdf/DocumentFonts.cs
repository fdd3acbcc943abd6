using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// The bundled DejaVu Sans (a Latin subset, see Fonts/LICENSE), loaded once: documents never depend on the fonts a
/// machine happens to have, so the same model gives the same PDF everywhere.
/// </summary>
internal static class DocumentFonts
{
    public static readonly SKTypeface Regular = Load("DejaVuSans.ttf");

    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold.ttf");

    private static SKTypeface Load(string file)
    {
        var name = $"Operators.Billing.Documents.Fonts.{file}";
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {name} cannot be read.");
    }
}
