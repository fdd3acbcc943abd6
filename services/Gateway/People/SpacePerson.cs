
namespace Operators.Gateway.People;

/// <summary>
/// A person as one space knows them. Until the person joins the space (claims the invitation, or comes to the
/// space signed in), the space sees only what its operator typed — never whether the email already had an
/// account elsewhere, nor the name its person chose there. One row per person holding any role in the space.
/// </summary>
public sealed class SpacePerson
{
    public Guid SpaceId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The name the space's operator gave (the email's local part when they gave none).</summary>
    public required string DisplayName { get; set; }

    public DateTime AddedAt { get; set; }

    /// <summary>When the person joined; from then on the space sees the name they chose.</summary>
    public DateTime? JoinedAt { get; set; }
}
