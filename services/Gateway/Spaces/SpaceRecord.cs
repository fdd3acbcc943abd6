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

    /// <summary>An https address of the space's logo; null for none.</summary>
    public string? LogoUrl { get; set; }

    public TenantStatus Status { get; set; } = TenantStatus.Provisioning;

    public StepStatus BookingStep { get; set; }

    public StepStatus MembershipStep { get; set; }

    public StepStatus BillingStep { get; set; }

    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ActivatedAt { get; set; }

    /// <summary>Optimistic concurrency: the three step answers may arrive at once, and exactly one of them must see all three done.</summary>
    public int Version { get; set; }

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
