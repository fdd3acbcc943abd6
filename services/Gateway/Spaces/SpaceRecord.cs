using Operators.Contracts.Spaces;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>A space in the network's registry, with the progress of its provisioning.</summary>
public sealed class SpaceRecord
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Template { get; set; }

    public string Locale { get; set; } = "fr-FR";

    public string TimeZone { get; set; } = "Europe/Paris";

    public string Currency { get; set; } = "EUR";

    public string? Town { get; set; }

    public string? Description { get; set; }

    public required string OwnerEmail { get; set; }

    public required string OwnerDisplayName { get; set; }

    /// <summary>The intranet's accent colour, <c>#rrggbb</c>; null for the network's default.</summary>
    public string? AccentColor { get; set; }

    /// <summary>When the logo (<see cref="SpaceLogo"/>) was last uploaded; null when the space has none. Versions its address.</summary>
    public DateTime? LogoUpdatedAt { get; set; }

    public TenantStatus Status { get; set; } = TenantStatus.Provisioning;

    public StepStatus BookingStep { get; set; }

    public StepStatus MembershipStep { get; set; }

    public StepStatus BillingStep { get; set; }

    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ActivatedAt { get; set; }

    /// <summary>Optimistic concurrency: the three step answers may arrive at once, and exactly one of them must see all three done.</summary>
    public int Version { get; set; }

    /// <summary>The logo's address under the space's own (<paramref name="spaceBase"/>: <c>/s/{slug}</c>, or empty on the space's host), versioned so a new upload is seen at once.</summary>
    public string? LogoAddress(string spaceBase) =>
        LogoUpdatedAt is { } updated ? $"{spaceBase}/api/space/logo?v={updated.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture)}" : null;

    public StepStatus StepOf(string step) => step switch
    {
        ProvisioningSteps.Booking => BookingStep,
        ProvisioningSteps.Membership => MembershipStep,
        ProvisioningSteps.Billing => BillingStep,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown provisioning step."),
    };

    public void SetStep(string step, StepStatus status)
    {
        switch (step)
        {
            case ProvisioningSteps.Booking: BookingStep = status; break;
            case ProvisioningSteps.Membership: MembershipStep = status; break;
            case ProvisioningSteps.Billing: BillingStep = status; break;
            default: throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown provisioning step.");
        }
    }

    public TenantInfo ToTenant() => new()
    {
        Id = Id,
        Slug = Slug,
        Name = Name,
        Locale = Locale,
        TimeZone = TimeZone,
        Currency = Currency,
        Status = Status,
    };
}

public enum StepStatus
{
    Pending,
    Completed,
    Failed,
    TimedOut,
}
