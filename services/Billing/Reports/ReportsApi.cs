using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Reports;

/// <summary>One month's sales, excl. VAT, VAT and incl. VAT, net of its credit notes.</summary>
public sealed record MonthRevenue(string Month, Money Net, Money Vat, Money Gross, int Invoices, int CreditNotes);

public sealed record RateTotal(decimal Rate, Money Base, Money Vat);

/// <summary>Overdue money by days past due: <c>0-30</c>, <c>31-60</c>, <c>61-90</c>, <c>90+</c>.</summary>
public sealed record AgeingBucket(string Bucket, Money Amount, int Invoices);

/// <summary>
/// <c>GET /reports/summary?from=&amp;to=</c>: sales per month of issue and VAT per rate over the period (credit notes
/// subtracted); and, today, what customers owe (<c>outstanding</c>) and how late the overdue part is (<c>overdueAgeing</c>).
/// </summary>
public sealed record SummaryReport(
    DateOnly From, DateOnly To, string Currency, IReadOnlyList<MonthRevenue> Revenue, IReadOnlyList<RateTotal> VatByRate, Money Outstanding, int OpenInvoices,
    Money Overdue, IReadOnlyList<AgeingBucket> OverdueAgeing);

public static class ReportsApi
{
    public static readonly string[] Buckets = ["0-30", "31-60", "61-90", "90+"];

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/summary", SummaryAsync).RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners read the reports.");
        return api;
    }

    private static async Task<Results<Ok<SummaryReport>, ValidationProblem>> SummaryAsync(
        DateOnly? from, DateOnly? to, BillingDbContext db, BillingCalendar calendar, CancellationToken ct)
    {
        var today = await calendar.TodayAsync(ct);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? today;
        if (end < start)
        {
            return ProblemResults.Validation("to", "'to' must not be before 'from'.");
        }

        if (end.DayNumber - start.DayNumber > 3660)
        {
            return ProblemResults.Validation("to", "A report covers ten years at most.");
        }

        return TypedResults.Ok(await BuildAsync(db, start, end, today, await calendar.CurrencyAsync(ct), ct));
    }

    public static async Task<SummaryReport> BuildAsync(BillingDbContext db, DateOnly start, DateOnly end, DateOnly today, string currency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Money M(decimal amount) => new(amount, currency);
        var documents = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Number != null && i.IssueDate >= start && i.IssueDate <= end)
            .ToListAsync(ct);
        var revenue = documents
            .GroupBy(d => d.IssueDate!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MonthRevenue(
                g.Key, M(g.Sum(Signed(d => d.Net))), M(g.Sum(Signed(d => d.VatTotal))), M(g.Sum(Signed(d => d.Gross))),
                g.Count(d => d.Kind == DocumentKind.Invoice), g.Count(d => d.Kind == DocumentKind.CreditNote)))
            .ToList();
        var rates = documents
            .SelectMany(d => InvoiceTotals.Breakdown(d.Lines).Select(r => (r.Rate, Base: Sign(d) * r.Base, Vat: Sign(d) * r.Amount)))
            .GroupBy(r => r.Rate)
            .OrderByDescending(g => g.Key)
            .Select(g => new RateTotal(g.Key, M(g.Sum(r => r.Base)), M(g.Sum(r => r.Vat))))
            .ToList();
        var open = (await db.Invoices.AsNoTracking()
                .Where(i => i.Kind == DocumentKind.Invoice && i.Number != null && (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid))
                .Select(i => new { i.Gross, i.PaidAmount, i.CreditedAmount, i.DueDate })
                .ToListAsync(ct))
            .Select(i => (Due: i.Gross - i.PaidAmount - i.CreditedAmount, i.DueDate))
            .Where(i => i.Due > 0m)
            .ToList();
        var overdue = open.Where(i => i.DueDate < today).Select(i => (i.Due, Days: today.DayNumber - i.DueDate!.Value.DayNumber)).ToList();
        var ageing = Buckets.Select(b =>
        {
            var inBucket = overdue.Where(o => BucketOf(o.Days) == b).ToList();
            return new AgeingBucket(b, M(inBucket.Sum(o => o.Due)), inBucket.Count);
        }).ToList();
        return new SummaryReport(start, end, currency, revenue, rates, M(open.Sum(o => o.Due)), open.Count, M(overdue.Sum(o => o.Due)), ageing);
    }

    public static string BucketOf(int daysPastDue) => daysPastDue switch
    {
        <= 30 => "0-30",
        <= 60 => "31-60",
        <= 90 => "61-90",
        _ => "90+",
    };

    private static decimal Sign(Invoice d) => d.Kind == DocumentKind.CreditNote ? -1m : 1m;

    private static Func<Invoice, decimal> Signed(Func<Invoice, decimal> amount) => d => Sign(d) * amount(d);
}
