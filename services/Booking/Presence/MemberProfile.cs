using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Presence;

/// <summary>What booking knows of a member, from <c>MemberProfileChanged</c>: a name and whether to show it.</summary>
public sealed class MemberProfile : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string DisplayName { get; set; }

    public bool DirectoryOptIn { get; set; }
}
