using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Integrity;

/// <summary>
/// <c>GET /integrity</c>, treasurers: walks the space's chain of issued documents in order and recomputes each
/// footprint from what is stored, checks the link to the previous one and the stored PDF's hash, and names the first
/// document where anything differs — an edit made behind the application's back, a removed or reordered document.
/// </summary>
public static class IntegrityApi
{
    private const int Batch = 200;

    public static RouteGroupBuilder MapIntegrity(this RouteGroupBuilder api)
    {
        api.MapGet("/integrity", VerifyAsync).RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners verify the invoices' chain.");
        return api;
    }

    private static async Task<Ok<IntegrityReport>> VerifyAsync(BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await VerifyChainAsync(db, ct));

    public static async Task<IntegrityReport> VerifyChainAsync(BillingDbContext db, CancellationToken ct)
    {
        string? previous = null;
        DateOnly? previousDay = null;
        var series = new Dictionary<string, int>(StringComparer.Ordinal);
        long expected = 1;
        var count = 0;
        var accounts = await AccountsAsync(db, ct);
        var invoices = new HashSet<Guid>();
        while (true)
        {
            var from = expected;
            var documents = await db.Invoices.AsNoTracking().Include(i => i.Lines)
                .Where(i => i.Number != null && i.ChainIndex >= from)
                .OrderBy(i => i.ChainIndex).Take(Batch).ToListAsync(ct);
            if (documents.Count == 0)
            {
                break;
            }

            var ids = documents.Select(d => d.Id).ToList();
            var files = await db.InvoiceFiles.AsNoTracking().Where(f => ids.Contains(f.InvoiceId)).ToDictionaryAsync(f => f.InvoiceId, ct);
            foreach (var d in documents)
            {
                var broken = Check(d, expected, previous, files.GetValueOrDefault(d.Id)) ?? Sequence(d, series, previousDay) ?? accounts.Check(d);
                if (broken is not null)
                {
                    return new IntegrityReport(count, false, new BrokenLink(d.Id.ToString(), d.Number, expected, broken));
                }

                if (d.Kind == DocumentKind.Invoice)
                {
                    invoices.Add(d.Id);
                }

                previous = d.Footprint;
                previousDay = d.IssueDate;
                series[d.Series!] = d.Sequence!.Value;
                expected++;
                count++;
            }
        }

        var head = await db.IssueChains.AsNoTracking().FirstOrDefaultAsync(ct);
        if ((head?.Count ?? 0) != count || head?.LastFootprint != previous)
        {
            return new IntegrityReport(count, false, new BrokenLink("", null, count + 1,
                $"The chain's head says {head?.Count ?? 0} documents ending with another footprint: issued documents after position {count} are missing."));
        }

        // Payments recorded against a credit note or a draft have nothing to account for them.
        var stray = accounts.Paid.Keys.FirstOrDefault(id => !invoices.Contains(id));
        return stray == Guid.Empty
            ? new IntegrityReport(count, true, null)
            : new IntegrityReport(count, false, new BrokenLink(stray.ToString(), null, 0, "Payments are recorded against a document that is not an issued invoice."));
    }

    /// <summary>What each invoice's issued credit notes and recorded payments add up to (summed here: SQLite does not sum decimals).</summary>
    private static async Task<Accounts> AccountsAsync(BillingDbContext db, CancellationToken ct)
    {
        var credited = (await db.Invoices.AsNoTracking().Where(c => c.Number != null && c.CreditedInvoiceId != null)
                .Select(c => new { Invoice = c.CreditedInvoiceId!.Value, c.Gross }).ToListAsync(ct))
            .GroupBy(c => c.Invoice).ToDictionary(g => g.Key, g => g.Sum(c => c.Gross));
        var paid = (await db.Payments.AsNoTracking().Select(p => new { p.InvoiceId, p.Amount }).ToListAsync(ct))
            .GroupBy(p => p.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        return new Accounts(credited, paid);
    }

    /// <summary>
    /// What an issued invoice says it was paid and credited must be what its payments and its issued credit notes
    /// add up to, and its status must follow from them: a row marked paid or cancelled behind the application's back,
    /// with nothing behind it, is named. (Payments are accounting records outside the chain: a forged payment row
    /// with its invoice updated to match is not detected here.)
    /// </summary>
    private sealed record Accounts(Dictionary<Guid, decimal> Credited, Dictionary<Guid, decimal> Paid)
    {
        public string? Check(Invoice d)
        {
            if (d.Kind != DocumentKind.Invoice)
            {
                return null;
            }

            var credited = Credited.GetValueOrDefault(d.Id);
            var paid = Paid.GetValueOrDefault(d.Id);
            return d.CreditedAmount != credited
                ? $"It says {d.CreditedAmount} was credited, but its issued credit notes add up to {credited}."
                : d.PaidAmount != paid
                    ? $"It says {d.PaidAmount} was paid, but its recorded payments add up to {paid}."
                    : d.Status != PaymentState.Of(d)
                        ? $"Its status says {InvoiceNames.Of(d.Status)}, but what was paid and credited makes it {InvoiceNames.Of(PaymentState.Of(d))}."
                        : null;
        }
    }

    /// <summary>
    /// Numbers follow each other in each series (1, 2, 3…: a number skipped, even by a counter moved behind the
    /// application's back, is a gap) and issue dates never go back.
    /// </summary>
    private static string? Sequence(Invoice d, Dictionary<string, int> series, DateOnly? previousDay)
    {
        var last = series.GetValueOrDefault(d.Series!);
        if (d.Sequence != last + 1 || d.Number != $"{d.Series}-{d.Sequence:D5}")
        {
            return $"Its number {d.Number} does not follow {(last == 0 ? "the start of its series" : $"{d.Series}-{last:D5}")}: the series has a gap.";
        }

        return d.IssueDate < previousDay
            ? $"It is dated {d.IssueDate:yyyy-MM-dd}, before the document issued before it ({previousDay:yyyy-MM-dd}): numbers must be chronological."
            : null;
    }

    private static string? Check(Invoice d, long expected, string? previous, InvoiceFile? file)
    {
        if (d.ChainIndex != expected)
        {
            return $"Position {expected} of the chain is missing: the next stored document is at position {d.ChainIndex}.";
        }

        if (d.PreviousFootprint != previous)
        {
            return "Its link to the previous document does not match that document's footprint.";
        }

        if (file is null || Footprints.Sha256(file.Pdf) != d.PdfSha256)
        {
            return "Its stored PDF is missing or differs from the one issued.";
        }

        return Footprints.Compute(d, file.Xml, previous) != d.Footprint
            ? "Its content differs from what was issued (the footprint recomputed from the stored rows does not match)."
            : null;
    }
}
