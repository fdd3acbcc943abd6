using Operators.Membership.Members;
using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Companies;

/// <summary>A company that groups members and pays for them: the billed customer of its members' subscriptions (B2B).</summary>
public sealed class Company : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Where its invoices are sent.</summary>
    public string? Email { get; set; }

    public required BillingIdentity Billing { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}
