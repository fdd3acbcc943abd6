using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Customers;

public enum CustomerKind
{
    Member,
    Company,

    /// <summary>A guest who bought a day pass (id = the day pass): a consumer known by name and e-mail, without address.</summary>
    Guest,
}

/// <summary>
/// Someone the space invoices, as membership last described them: a member (id = the person's id) or a company
/// (id = membership's company id). An invoice copies these details when it is issued, so a later change never
/// alters an issued invoice.
/// </summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public CustomerKind Kind { get; set; }

    /// <summary>The person's display name, or the company's name.</summary>
    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>The company a member is billed to, if any (members attached to a company are billed to it).</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>Billing name: the legal name on invoices (defaults to <see cref="DisplayName"/>).</summary>
    public string? BillingName { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string Country { get; set; } = "FR";

    public bool IsBusiness { get; set; }

    public string? Siren { get; set; }

    public string? VatNumber { get; set; }

    /// <summary>The language of this customer's documents, when set; the space's default otherwise.</summary>
    public string? Language { get; set; }

    /// <summary>Erased (GDPR): personal details are gone; issued invoices keep their own copy, as the law requires.</summary>
    public bool Erased { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Customers' names as documents and lists show them (the billing name, else the display name).</summary>
public static class CustomerNames
{
    public static async Task<Dictionary<Guid, string>> OfAsync(BillingDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, Name = c.BillingName ?? c.DisplayName }).ToListAsync(ct))
            .ToDictionary(c => c.Id, c => c.Name);
    }
}
