using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Settings;

/// <summary>A space's membership settings; one row per space (defaults until an operator saves them).</summary>
public sealed class MembershipSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Pause a member's subscriptions once an invoice is this many days overdue; null: never (the default).</summary>
    public int? PauseAfterOverdueDays { get; set; }
}
