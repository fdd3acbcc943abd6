using Operators.Billing.Invoices;
using SkiaSharp;

namespace Operators.Billing.Documents.Pdf;

/// <summary>The seller on the left; on the right the word "Facture" or "Avoir", the number, the dates, what is credited.</summary>
internal sealed class HeaderPart(InvoiceDocumentModel model, LegalMentions mentions) : IDocumentPart
{
    private const float RightColumn = 250f;

    public void Compose(PageFlow flow)
    {
        var s = flow.Styles;
        var seller = model.Seller.Party;
        var leftWidth = PageFlow.ContentWidth - RightColumn - 20f;
        var name = s.Heading.Wrap(seller.Name, leftWidth);
        var address = s.Body.Wrap(string.Join('\n', AddressLines(seller)), leftWidth);

        var details = new List<string>
        {
            $"{mentions.NumberLabel} {model.Number}",
            mentions.Labelled(mentions.IssueDateLabel, mentions.Date(model.IssueDate)),
            mentions.Labelled(mentions.DueDateLabel, mentions.Date(model.DueDate)),
        };
        if (mentions.ServicePeriod is { } period)
        {
            details.Add(period);
        }

        if (mentions.CreditedInvoice is { } credited)
        {
            details.Add(credited);
        }

        var right = details.SelectMany(d => s.Body.Wrap(d, RightColumn)).ToList();
        var leftHeight = name.Count * s.Heading.LineHeight + 4f + address.Count * s.Body.LineHeight;
        var rightHeight = s.Title.LineHeight + 4f + right.Count * s.Body.LineHeight;

        flow.Place(Math.Max(leftHeight, rightHeight), (canvas, top) =>
        {
            s.Heading.DrawLines(canvas, name, PageFlow.Left, top);
            s.Body.DrawLines(canvas, address, PageFlow.Left, top + name.Count * s.Heading.LineHeight + 4f, paint: Ink.Muted);
            s.Title.Draw(canvas, mentions.Title, PageFlow.Right, top, SKTextAlign.Right);
            s.Body.DrawLines(canvas, right, PageFlow.Right, top + s.Title.LineHeight + 4f, SKTextAlign.Right);
        });
        flow.Gap(18f);
    }

    public static IEnumerable<string> AddressLines(PartySnapshot party)
    {
        if (party.Address.Line1 is { Length: > 0 } line1)
        {
            yield return line1;
        }

        if (party.Address.Line2 is { Length: > 0 } line2)
        {
            yield return line2;
        }

        // A guest may have no address at all: nothing, rather than an empty line.
        if ($"{party.Address.PostalCode} {party.Address.City}".Trim() is { Length: > 0 } town)
        {
            yield return town;
        }
        if (!string.Equals(party.Address.Country, "FR", StringComparison.OrdinalIgnoreCase))
        {
            yield return party.Address.Country.ToUpperInvariant();
        }
    }
}
