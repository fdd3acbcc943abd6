using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Persistence;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Charges;

/// <summary>
/// A billable charge. <c>status</c>: <c>unbilled</c>, <c>billed</c> (<c>invoiceId</c> names its invoice, a draft or issued)
/// or <c>voided</c> (cancelled before it was invoiced). <c>source</c>: <c>booking</c>, <c>cancellation-fee</c>,
/// <c>booking-reversal</c>, <c>day-pass</c>, <c>membership</c>.
/// </summary>
public sealed record ChargeResponse(
    string Id, string Source, string SourceId, string CustomerId, string? Customer, string? MemberId, string Description, decimal Quantity, string Unit,
    Money UnitPrice, decimal VatRate, Money Amount, DateOnly Date, DateOnly? ServiceFrom, DateOnly? ServiceTo, string Status, string? InvoiceId, string? RunId);

/// <summary><c>GET /charges?status=unbilled|billed|voided&amp;customerId=</c> (treasurers, owners): what the space has to invoice, or did.</summary>
public static class ChargesApi
{
    private static readonly string[] Statuses = ["unbilled", "billed", "voided"];

    public static RouteGroupBuilder MapCharges(this RouteGroupBuilder api)
    {
        api.MapGet("/charges", ListAsync).RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners see the charges.");
        return api;
    }

    private static async Task<Results<Ok<List<ChargeResponse>>, ValidationProblem>> ListAsync(
        string? status, Guid? customerId, BillingDbContext db, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return ProblemResults.Validation("status", "'status' must be one of: unbilled, billed, voided.");
        }

        var query = db.Charges.AsNoTracking();
        query = status switch
        {
            "unbilled" => query.Where(c => c.InvoiceId == null && !c.Voided),
            "billed" => query.Where(c => c.InvoiceId != null),
            "voided" => query.Where(c => c.Voided && c.InvoiceId == null),
            _ => query,
        };
        if (customerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        var charges = await query.OrderBy(c => c.Date).ThenBy(c => c.CreatedAt).Take(5000).ToListAsync(ct);
        var ids = charges.Select(c => c.CustomerId).Distinct().ToList();
        var names = await CustomerNames.OfAsync(db, ids, ct);
        return TypedResults.Ok(charges.Select(c => new ChargeResponse(
            c.Id.ToString(), Name(c.Source), c.SourceId.ToString(), c.CustomerId.ToString(), names.GetValueOrDefault(c.CustomerId), c.MemberId?.ToString(),
            c.Description, c.Quantity, c.UnitCode, new Money(c.UnitPrice, c.Currency), c.VatRate, new Money(c.Amount, c.Currency), c.Date,
            c.ServiceFrom, c.ServiceTo, c.InvoiceId is not null ? "billed" : c.Voided ? "voided" : "unbilled", c.InvoiceId?.ToString(), c.RunId?.ToString())).ToList());
    }

    public static string Name(ChargeSource source) => source switch
    {
        ChargeSource.CancellationFee => "cancellation-fee",
        ChargeSource.BookingReversal => "booking-reversal",
        ChargeSource.DayPass => "day-pass",
        _ => source.ToString().ToLowerInvariant(),
    };
}
