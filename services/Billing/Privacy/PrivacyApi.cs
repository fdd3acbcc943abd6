using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Privacy;

public sealed record InvoiceTotalsExport(Money Net, Money Vat, Money Gross);

public sealed record InvoiceExport(
    string Id, string? Number, DocumentKind Kind, InvoiceStatus Status, DateOnly? IssueDate, DateOnly? DueDate,
    InvoiceTotalsExport Totals, Money AmountDue, string? CreditedInvoiceId, DateTimeOffset CreatedAt);

public sealed record PaymentExport(string Id, string InvoiceId, Money Amount, PaymentMethod Method, DateOnly Date, string? Reference, DateTimeOffset RecordedAt);

/// <summary>Everything billing holds about one person (GDPR art. 15 and 20): the customer record, their invoices and payments.</summary>
public sealed record BillingExport(string MemberId, CustomerResponse? Customer, IReadOnlyList<InvoiceExport> Invoices, IReadOnlyList<PaymentExport> Payments);

/// <summary>
/// <c>GET /members/{id}/export</c>: billing's part of a person's data, gathered by the gateway's
/// <c>{S}/api/space/people/{id}/export</c>. For the space's treasurers and owners and the person themself; anyone else,
/// and a person billing never knew, get the same 404 as a missing object. A company's invoices are the company's, not
/// the person's: only the documents addressed to the person are in.
/// </summary>
public static class PrivacyApi
{
    public static RouteGroupBuilder MapBillingPrivacy(this RouteGroupBuilder api)
    {
        // Signed in: the person themself may no longer hold a role here and still has the right to their data.
        api.MapGet("/members/{id:guid}/export", ExportAsync)
            .RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to export a person's data.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<BillingExport>, ProblemHttpResult>> ExportAsync(Guid id, Caller caller, BillingDbContext db, CancellationToken ct)
    {
        if (caller.Id != id && !caller.IsTreasurer)
        {
            return ProblemResults.NotFound();
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Kind == CustomerKind.Member, ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == id || i.MemberId == id).ToListAsync(ct);
        if (customer is null && invoices.Count == 0)
        {
            return ProblemResults.NotFound("Billing holds nothing about this person.");
        }

        var ids = invoices.Select(i => i.Id).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.InvoiceId)).ToListAsync(ct);
        return TypedResults.Ok(new BillingExport(
            id.ToString(),
            customer is null ? null : CustomerResponse.From(customer),
            invoices.OrderBy(i => i.IssueDate ?? DateOnly.MaxValue).ThenBy(i => i.ChainIndex).ThenBy(i => i.CreatedAt).Select(i => new InvoiceExport(
                i.Id.ToString(), i.Number, i.Kind, i.Status, i.IssueDate, i.DueDate,
                new InvoiceTotalsExport(new Money(i.Net, i.Currency), new Money(i.VatTotal, i.Currency), new Money(i.Gross, i.Currency)),
                new Money(i.AmountDue, i.Currency), i.CreditedInvoiceId?.ToString(), Utc(i.CreatedAt))).ToList(),
            payments.OrderBy(p => p.Date).ThenBy(p => p.RecordedAt).Select(p => new PaymentExport(
                p.Id.ToString(), p.InvoiceId.ToString(), new Money(p.Amount, p.Currency), p.Method, p.Date, p.Reference, Utc(p.RecordedAt))).ToList()));
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
