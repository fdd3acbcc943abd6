using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>
/// Lays parts out down the pages before anything is drawn: each part measures what it needs and places drawings at
/// a height; a drawing that does not fit goes to a new page. Drawing happens afterwards, once the number of pages
/// is known (the footer prints "page n of N").
/// </summary>
internal sealed class PageFlow(DocumentStyles styles)
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 40f;
    public const float Left = Margin;
    public const float Right = PageWidth - Margin;
    public const float ContentWidth = Right - Left;

    private readonly List<List<(float Top, Action<SKCanvas, float> Draw)>> pages = [[]];

    public DocumentStyles Styles { get; } = styles;

    public float Top { get; } = Margin;

    public float Bottom { get; } = PageHeight - Margin - LegalFooterPart.Height;

    public float Y { get; private set; } = Margin;

    public int PageCount => pages.Count;

    public IReadOnlyList<IReadOnlyList<(float Top, Action<SKCanvas, float> Draw)>> Pages => pages;

    public float Remaining => Bottom - Y;

    public bool AtPageTop => Y <= Top;

    /// <summary>Places a drawing of the given height, on a new page when it does not fit on this one.</summary>
    public void Place(float height, Action<SKCanvas, float> draw)
    {
        if (height > Remaining && !AtPageTop)
        {
            NewPage();
        }

        pages[^1].Add((Y, draw));
        Y += height;
    }

    public void Gap(float height) => Y = Math.Min(Bottom, Y + height);

    public void NewPage()
    {
        pages.Add([]);
        Y = Top;
    }
}

/// <summary>The text styles of a document, made once per rendering (a font is not shared between threads).</summary>
internal sealed class DocumentStyles : IDisposable
{
    public TextStyle Title { get; } = new(DocumentFonts.Bold, 20f);

    public TextStyle Heading { get; } = new(DocumentFonts.Bold, 11f);

    public TextStyle Body { get; } = new(DocumentFonts.Regular, 8.5f);

    public TextStyle BodyBold { get; } = new(DocumentFonts.Bold, 8.5f);

    public TextStyle Small { get; } = new(DocumentFonts.Regular, 7f);

    public TextStyle Total { get; } = new(DocumentFonts.Bold, 10f);

    public void Dispose()
    {
        Title.Dispose();
        Heading.Dispose();
        Body.Dispose();
        BodyBold.Dispose();
        Small.Dispose();
        Total.Dispose();
    }
}

/// <summary>One part of a document (header, parties, lines…): it measures what it needs and places its drawings.</summary>
internal interface IDocumentPart
{
    void Compose(PageFlow flow);
}
