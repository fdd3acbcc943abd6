using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Presence;

/// <summary>
/// What booking knows of a member, from <c>MemberProfileChanged</c>: a name and whether to show it. Both opt-ins
/// are off until the member says yes; "who is coming" names only those who opted in to presence.
/// </summary>
public sealed class MemberProfile : ITenantOwned
{
    /// <summary>What is left of an erased member's name: nothing that identifies them.</summary>
    public const string ErasedName = "—";

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string DisplayName { get; set; }

    public bool DirectoryOptIn { get; set; }

    public bool PresenceOptIn { get; set; }

    /// <summary>Set by <c>MemberErased</c>: a profile message still in flight then must not bring the name back.</summary>
    public DateTime? ErasedAt { get; set; }
}
