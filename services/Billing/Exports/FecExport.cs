using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;

namespace Operators.Billing.Exports;

/// <summary>One line of the FEC, its 18 fields in the order of article A47 A-1 of the Livre des procédures fiscales.</summary>
public sealed record FecLine(
    string JournalCode, string JournalLib, string EcritureNum, DateOnly EcritureDate, string CompteNum, string CompteLib, string CompAuxNum, string CompAuxLib,
    string PieceRef, DateOnly PieceDate, string EcritureLib, decimal Debit, decimal Credit, string EcritureLet, DateOnly? DateLet, DateOnly ValidDate);

/// <summary>
/// The Fichier des Écritures Comptables of one calendar year (INVOICING-FR.md): a sales entry (journal VT) per issued
/// invoice (debit 411 with the customer's auxiliary account, credit 706 and 44571x per VAT rate) or credit note (the
/// same, reversed), and a payment entry per payment (journal BQ, debit 512 for transfers and cards; CA, 530 for cash;
/// CH, 5112 for cheques; credit 411; a refund reversed), lettered to its invoice (the invoice's code on the 411 lines of
/// the invoice, its credit notes and its payments, dated by the last of them). Entries are numbered continuously per
/// journal in date order, each balanced; amounts use a decimal comma, dates <c>YYYYMMDD</c>, fields a tab.
/// </summary>
public static class FecExport
{
    public static readonly string[] Header =
    [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate",
        "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ];

    public static string FileName(string siren, int year) => $"{siren}FEC{year}1231.txt";

    /// <summary>The VAT account of a rate: 445711 (20 %), 445712 (10 %), 445713 (5,5 %), 445714 (2,1 %), 445719 otherwise.</summary>
    public static string VatAccount(decimal rate) => rate switch
    {
        20m => "445711",
        10m => "445712",
        5.5m => "445713",
        2.1m => "445714",
        _ => "445719",
    };

    public static async Task<List<FecLine>> LinesAsync(BillingDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var documents = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Number != null && i.IssueDate >= first && i.IssueDate <= last)
            .OrderBy(i => i.IssueDate).ThenBy(i => i.ChainIndex)
            .ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.Date >= first && p.Date <= last)
            .OrderBy(p => p.Date).ThenBy(p => p.RecordedAt).ToListAsync(ct);

        // Every invoice a line of this year touches, for its customer, number and lettering.
        var invoiceIds = documents.Select(d => d.CreditedInvoiceId ?? d.Id).Concat(payments.Select(p => p.InvoiceId)).Distinct().ToList();
        var invoices = (await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToListAsync(ct)).ToDictionary(i => i.Id);
        var letters = await LetteringAsync(db, invoices.Values.ToList(), ct);

        var lines = new List<FecLine>();
        var sales = 0;
        foreach (var d in documents)
        {
            var number = Entry("VT", ++sales);
            var sign = d.Kind == DocumentKind.CreditNote ? -1m : 1m;
            var invoice = d.CreditedInvoiceId is { } credited && invoices.TryGetValue(credited, out var i) ? i : d;
            var (auxNum, auxLib) = Auxiliary(d);
            var label = $"{(d.Kind == DocumentKind.CreditNote ? "Avoir" : "Facture")} {d.Number} {auxLib}";
            var (letter, letteredOn) = letters.GetValueOrDefault(invoice.Id);
            void Add(string account, string accountLabel, string aux, string auxLabel, decimal amount, string let = "", DateOnly? dateLet = null) =>
                lines.Add(new FecLine("VT", "Ventes", number, d.IssueDate!.Value, account, accountLabel, aux, auxLabel, d.Number!, d.IssueDate.Value, Cut(label),
                    amount > 0m ? amount : 0m, amount < 0m ? -amount : 0m, let, dateLet, d.IssueDate.Value));

            Add("411", "Clients", auxNum, auxLib, sign * d.Gross, letter ?? "", letter is null ? null : letteredOn);
            foreach (var rate in InvoiceTotals.Breakdown(d.Lines))
            {
                Add("706", "Prestations de services", "", "", -sign * rate.Base);
                if (rate.Amount != 0m)
                {
                    Add(VatAccount(rate.Rate), $"TVA collectée {rate.Rate.ToString("0.##", CultureInfo.GetCultureInfo("fr-FR"))} %", "", "", -sign * rate.Amount);
                }
            }
        }

        var counters = new Dictionary<string, int>();
        foreach (var p in payments)
        {
            var (journal, journalLib, account, accountLabel) = Journal(p.Method);
            counters[journal] = counters.GetValueOrDefault(journal) + 1;
            var number = Entry(journal, counters[journal]);
            var invoice = invoices[p.InvoiceId];
            var (auxNum, auxLib) = Auxiliary(invoice);
            var (letter, letteredOn) = letters.GetValueOrDefault(invoice.Id);
            var label = Cut($"{(p.Amount < 0m ? "Remboursement" : "Règlement")} {invoice.Number} {auxLib}");
            var piece = p.Reference is { Length: > 0 } reference ? Cut(reference, 60) : invoice.Number!;
            lines.Add(new FecLine(journal, journalLib, number, p.Date, account, accountLabel, "", "", piece, p.Date, label,
                p.Amount > 0m ? p.Amount : 0m, p.Amount < 0m ? -p.Amount : 0m, "", null, p.Date));
            lines.Add(new FecLine(journal, journalLib, number, p.Date, "411", "Clients", auxNum, auxLib, piece, p.Date, label,
                p.Amount < 0m ? -p.Amount : 0m, p.Amount > 0m ? p.Amount : 0m, letter ?? "", letter is null ? null : letteredOn, p.Date));
        }

        // Sorted by validation date, each journal's entries staying in their numbered order.
        return lines.Select((l, index) => (l, index)).OrderBy(x => x.l.ValidDate).ThenBy(x => x.l.JournalCode, StringComparer.Ordinal).ThenBy(x => x.index)
            .Select(x => x.l).ToList();
    }

    /// <summary>The file: a header line, then a line per entry line; tab-separated, CRLF, UTF-8 without BOM.</summary>
    public static byte[] Write(IEnumerable<FecLine> lines)
    {
        var text = new StringBuilder();
        text.Append(string.Join('\t', Header)).Append("\r\n");
        foreach (var l in lines)
        {
            string[] fields =
            [
                l.JournalCode, l.JournalLib, l.EcritureNum, Date(l.EcritureDate), l.CompteNum, l.CompteLib, l.CompAuxNum, l.CompAuxLib, l.PieceRef,
                Date(l.PieceDate), l.EcritureLib, Amount(l.Debit), Amount(l.Credit), l.EcritureLet, l.DateLet is { } let ? Date(let) : "", Date(l.ValidDate), "", "",
            ];
            text.Append(string.Join('\t', fields.Select(Clean))).Append("\r\n");
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    public static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Entry(string journal, int n) => $"{journal}{n:D6}";

    private static (string Journal, string Label, string Account, string AccountLabel) Journal(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => ("CA", "Caisse", "530", "Caisse"),
        PaymentMethod.Cheque => ("CH", "Chèques", "5112", "Chèques à encaisser"),
        _ => ("BQ", "Banque", "512", "Banque"),
    };

    /// <summary>The customer's auxiliary account: C and the first ten hex digits of their id (stable, unique enough per space).</summary>
    private static (string Number, string Label) Auxiliary(Invoice d) =>
        ($"C{d.CustomerId.ToString("N")[..10].ToUpperInvariant()}", Cut(d.Buyer?.Name ?? d.CustomerId.ToString(), 100));

    /// <summary>
    /// A lettering code per invoice that has any payment or credit note (AAA, AAB, … in the order of issue) and the date of
    /// the last of them.
    /// </summary>
    private static async Task<Dictionary<Guid, (string? Letter, DateOnly? On)>> LetteringAsync(BillingDbContext db, List<Invoice> invoices, CancellationToken ct)
    {
        var ids = invoices.Where(i => i.Kind == DocumentKind.Invoice).Select(i => i.Id).ToList();
        var paid = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.InvoiceId)).GroupBy(p => p.InvoiceId)
            .Select(g => new { Id = g.Key, Last = g.Max(p => p.Date) }).ToListAsync(ct);
        var credited = await db.Invoices.AsNoTracking().Where(c => c.CreditedInvoiceId != null && ids.Contains(c.CreditedInvoiceId.Value) && c.Number != null)
            .GroupBy(c => c.CreditedInvoiceId!.Value).Select(g => new { Id = g.Key, Last = g.Max(c => c.IssueDate) }).ToListAsync(ct);
        var chainOf = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.ChainIndex }).ToDictionaryAsync(i => i.Id, i => i.ChainIndex ?? 0, ct);
        var result = new Dictionary<Guid, (string?, DateOnly?)>();
        foreach (var id in ids.Where(id => paid.Any(p => p.Id == id) || credited.Any(c => c.Id == id)))
        {
            DateOnly?[] dates = [paid.FirstOrDefault(p => p.Id == id)?.Last, credited.FirstOrDefault(c => c.Id == id)?.Last];
            result[id] = (Letter(chainOf.GetValueOrDefault(id)), dates.Max());
        }

        return result;
    }

    /// <summary>The chain position as letters (1 → AAA, 2 → AAB …): the same invoice always gets the same code.</summary>
    private static string Letter(long position)
    {
        var n = position - 1;
        var chars = new char[3];
        for (var i = 2; i >= 0; i--)
        {
            chars[i] = (char)('A' + (n % 26));
            n /= 26;
        }

        return (n > 0 ? n.ToString(CultureInfo.InvariantCulture) : "") + new string(chars);
    }

    private static string Cut(string text, int max = 200) => text.Length <= max ? text : text[..max];

    /// <summary>A field never holds the separator nor a line break.</summary>
    private static string Clean(string field) => field.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
