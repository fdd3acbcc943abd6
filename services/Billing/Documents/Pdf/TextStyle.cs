using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>A font at a size, with the text helpers the parts share: measure, wrap, draw.</summary>
internal sealed class TextStyle : IDisposable
{
    private readonly SKFont font;

    public TextStyle(SKTypeface typeface, float size)
    {
        // No hinting and linear advances: the glyph positions then match the widths the PDF declares, so text
        // extraction (and a reader copying text) does not see spaces inside words.
        font = new SKFont(typeface, size) { Hinting = SKFontHinting.None, LinearMetrics = true, Subpixel = true };
        Size = size;
        LineHeight = MathF.Round(size * 1.35f, 2);
    }

    public float Size { get; }

    public float LineHeight { get; }

    public float Width(string text) => font.MeasureText(text);

    /// <summary>Lines no wider than <paramref name="width"/>, broken at spaces; a word longer than the line is cut.</summary>
    public IReadOnlyList<string> Wrap(string text, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            // Most paragraphs fit on one line: measured once, they give the line word by word fitting would give.
            if (IsNormalized(paragraph) && Width(paragraph) <= width)
            {
                lines.Add(paragraph);
                continue;
            }

            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Width(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Width(line) > width && line.Length > 1)
                {
                    var fit = (int)font.BreakText(line, width);
                    fit = Math.Max(1, fit);
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Whether the words of <paramref name="paragraph"/> are already joined by single spaces, as wrapping joins them.</summary>
    private static bool IsNormalized(string paragraph) =>
        paragraph.Length > 0 && paragraph[0] != ' ' && paragraph[^1] != ' ' && !paragraph.Contains("  ", StringComparison.Ordinal);

    /// <summary>Draws one line whose top is at <paramref name="top"/>.</summary>
    public void Draw(SKCanvas canvas, string text, float x, float top, SKTextAlign align = SKTextAlign.Left, SKPaint? paint = null) =>
        canvas.DrawText(text, x, top + Size, align, font, paint ?? Ink.Text);

    public void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, float x, float top, SKTextAlign align = SKTextAlign.Left, SKPaint? paint = null)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            Draw(canvas, lines[i], x, top + i * LineHeight, align, paint);
        }
    }

    public void Dispose() => font.Dispose();
}

/// <summary>The few paints of a document: text, muted text, rules and the light fill of table headers.</summary>
internal static class Ink
{
    public static readonly SKPaint Text = new() { Color = new SKColor(0x1F, 0x23, 0x28), IsAntialias = true, Style = SKPaintStyle.Fill };

    public static readonly SKPaint Muted = new() { Color = new SKColor(0x57, 0x60, 0x6A), IsAntialias = true, Style = SKPaintStyle.Fill };

    public static readonly SKPaint Rule = new() { Color = new SKColor(0xC9, 0xCE, 0xD4), StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };

    public static readonly SKPaint Fill = new() { Color = new SKColor(0xEE, 0xF1, 0xF4), Style = SKPaintStyle.Fill };

    public static readonly SKPaint Black = new() { Color = SKColors.Black, Style = SKPaintStyle.Fill };
}
