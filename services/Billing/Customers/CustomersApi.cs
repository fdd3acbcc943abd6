using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Customers;

/// <summary>Whom an invoice goes to, as membership last described them; <c>address</c> is null for a consumer billed by name only.</summary>
public sealed record CustomerBilling(string Name, Address? Address, bool IsBusiness, string? Siren, string? VatNumber);

public sealed record CustomerResponse(string Id, CustomerKind Kind, string DisplayName, string? Email, string? CompanyId, CustomerBilling Billing, bool Erased)
{
    public static CustomerResponse From(Customer c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            c.Id.ToString(), c.Kind, c.DisplayName, c.Email, c.CompanyId?.ToString(),
            new CustomerBilling(c.BillingName ?? c.DisplayName, AddressOf(c), c.IsBusiness, c.Siren, c.VatNumber),
            c.Erased);
    }

    public static Address? AddressOf(Customer c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Line1 is null || c.PostalCode is null || c.City is null ? null : new Address(c.Line1, c.Line2, c.PostalCode, c.City, c.Country);
    }
}

/// <summary><c>/customers</c>: who the space invoices, members and companies, from membership's events (treasurers, owners).</summary>
public static class CustomersApi
{
    private const string Denied = "Only treasurers and owners see the customers.";

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").RequireSpaceRole(SpaceAccess.Treasurer, Denied);
        customers.MapGet("/", ListAsync);
        customers.MapGet("/{id:guid}", GetAsync);
        return api;
    }

    private static async Task<Ok<List<CustomerResponse>>> ListAsync(BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Customers.AsNoTracking().ToListAsync(ct))
            .OrderBy(c => c.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Id)
            .Select(CustomerResponse.From).ToList());

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(Guid id, BillingDbContext db, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return customer is null ? ProblemResults.NotFound() : TypedResults.Ok(CustomerResponse.From(customer));
    }
}
