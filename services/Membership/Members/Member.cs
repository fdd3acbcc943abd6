using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Members;

public enum MemberStatus
{
    /// <summary>Holds the <c>member</c> role in the space.</summary>
    Active,

    /// <summary>Lost the role: kept for their subscriptions' history and invoices.</summary>
    Left,

    /// <summary>Erased on request (GDPR art. 17): nothing personal is left in the row.</summary>
    Erased,
}

/// <summary>
/// A person holding the <c>member</c> role in the space (from the gateway's people events). <see cref="Id"/> is
/// the person's id everywhere. Billing details say whom to invoice; the profile is what the directory shows,
/// only once the member opts in.
/// </summary>
public sealed class Member : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public MemberStatus Status { get; set; }

    /// <summary>The company that pays for this member (B2B), if any.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>The member's own billing identity; null until they or an operator give it.</summary>
    public BillingIdentity? Billing { get; set; }

    public bool DirectoryOptIn { get; set; }

    public bool PresenceOptIn { get; set; }

    public string Bio { get; set; } = "";

    public List<string> Skills { get; set; } = [];

    public string Offers { get; set; } = "";

    public string LooksFor { get; set; } = "";

    public List<string> Links { get; set; } = [];

    public DateTime JoinedAt { get; set; }

    public DateTime? ErasedAt { get; set; }

    public int Version { get; set; }
}
