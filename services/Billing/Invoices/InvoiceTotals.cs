using Operators.Billing.Documents;
using Operators.Contracts;

namespace Operators.Billing.Invoices;

/// <summary>
/// The amounts of a document, per INVOICING-FR.md: each line excl. VAT rounded to the cent (half away from zero),
/// summed per rate, VAT computed per rate on that sum and rounded, then the totals. EN 16931's rules (BR-CO-10,
/// BR-CO-14, BR-CO-15, BR-S-08) check exactly these sums.
/// </summary>
public static class InvoiceTotals
{
    public static decimal LineNet(decimal quantity, decimal unitPrice) => Money.Round(quantity * unitPrice);

    /// <summary>Sets each line's net (and, under the VAT franchise, its rate to 0) and the invoice's totals.</summary>
    public static void Apply(Invoice invoice, bool vatFranchise)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        foreach (var line in invoice.Lines)
        {
            if (vatFranchise)
            {
                line.VatRate = 0m;
            }

            line.Net = LineNet(line.Quantity, line.UnitPrice);
        }

        var vat = Breakdown(invoice.Lines);
        invoice.Net = vat.Sum(v => v.Base);
        invoice.VatTotal = vat.Sum(v => v.Amount);
        invoice.Gross = invoice.Net + invoice.VatTotal;
    }

    /// <summary>VAT per rate, highest rate first.</summary>
    public static IReadOnlyList<VatBreakdown> Breakdown(IEnumerable<InvoiceLine> lines) =>
        lines.GroupBy(l => l.VatRate)
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var @base = g.Sum(l => l.Net);
                return new VatBreakdown(g.Key, @base, Money.Round(@base * g.Key / 100m));
            })
            .ToList();
}
