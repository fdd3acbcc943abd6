using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Exports;

/// <summary>A row of <c>invoices.csv</c>: amounts with a dot, dates ISO 8601, one row per issued invoice or credit note.</summary>
public sealed record InvoiceCsvRow(
    string Number, string Kind, string Status, DateOnly IssueDate, DateOnly? DueDate, string Customer, string CustomerId, string? Siren, string? VatNumber,
    decimal Net, decimal Vat, decimal Gross, decimal Paid, decimal Credited, decimal AmountDue, string Currency, string? Credits);

/// <summary>
/// <c>GET /exports/fec?year=</c>: the FEC of a calendar year (<c>{SIREN}FEC{year}1231.txt</c>; 409 while the settings lack
/// the SIREN). <c>GET /exports/invoices.csv?from=&amp;to=</c>: the issued documents of the period (issue date), CsvHelper.
/// Treasurers and owners.
/// </summary>
public static class ExportsApi
{
    private static readonly string[] Columns =
    [
        "number", "kind", "status", "issueDate", "dueDate", "customer", "customerId", "siren", "vatNumber", "net", "vat", "gross", "paid", "credited",
        "amountDue", "currency", "credits",
    ];

    private static string[] Fields(InvoiceCsvRow r) =>
    [
        r.Number, r.Kind, r.Status, Iso(r.IssueDate), r.DueDate is { } due ? Iso(due) : "", r.Customer, r.CustomerId, r.Siren ?? "", r.VatNumber ?? "",
        Amount(r.Net), Amount(r.Vat), Amount(r.Gross), Amount(r.Paid), Amount(r.Credited), Amount(r.AmountDue), r.Currency, r.Credits ?? "",
    ];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal a) => a.ToString("0.00", CultureInfo.InvariantCulture);

    public static RouteGroupBuilder MapExports(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners export the accounts.");
        exports.MapGet("/fec", FecAsync).ProducesProblem(StatusCodes.Status409Conflict);
        exports.MapGet("/invoices.csv", CsvAsync);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> FecAsync(
        int? year, BillingDbContext db, BillingCalendar calendar, CancellationToken ct)
    {
        var today = await calendar.TodayAsync(ct);
        if (year is not { } y || y < 2000 || y > today.Year)
        {
            return ProblemResults.Validation("year", $"'year' must be a year from 2000 to {today.Year}.");
        }

        var siren = await db.Settings.AsNoTracking().Select(s => s.Siren).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(siren))
        {
            return ProblemResults.Conflict("The FEC is named after the space's SIREN: set it in the billing settings first.");
        }

        var lines = await FecExport.LinesAsync(db, y, ct);
        return TypedResults.File(FecExport.Write(lines), "text/plain; charset=utf-8", FecExport.FileName(siren, y));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> CsvAsync(
        DateOnly? from, DateOnly? to, BillingDbContext db, BillingCalendar calendar, CancellationToken ct)
    {
        var today = await calendar.TodayAsync(ct);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? today;
        if (end < start)
        {
            return ProblemResults.Validation("to", "'to' must not be before 'from'.");
        }

        var documents = await db.Invoices.AsNoTracking()
            .Where(i => i.Number != null && i.IssueDate >= start && i.IssueDate <= end)
            .OrderBy(i => i.ChainIndex)
            .ToListAsync(ct);
        var rows = documents.Select(i => new InvoiceCsvRow(
            i.Number!, InvoiceNames.Of(i.Kind), InvoiceNames.Of(i.Status), i.IssueDate!.Value, i.Kind == DocumentKind.Invoice ? i.DueDate : null,
            i.Buyer?.Name ?? "", i.CustomerId.ToString(), i.Buyer?.Siren, i.Buyer?.VatNumber,
            i.Net, i.VatTotal, i.Gross, i.PaidAmount, i.CreditedAmount, i.AmountDue, i.Currency, i.CreditedInvoiceNumber));
        await using var buffer = new MemoryStream();
        // A customer named "=HYPERLINK(…)" must not become a formula in the treasurer's spreadsheet.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var r in rows)
            {
                foreach (var field in Fields(r))
                {
                    csv.WriteField(field);
                }

                await csv.EndRecordAsync(ct);
            }

            await csv.FlushAsync(ct);
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"invoices-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
    }
}
