namespace Operators.Gateway.Spaces;

public sealed record SpaceCreatedResponse(string Slug, string Status);

public sealed record SpaceStatusResponse(string Id, string Slug, string Name, string Template, string Status, SpaceStepsResponse Steps, string? FailureReason);

public sealed record SpaceStepsResponse(string Booking, string Membership, string Billing);

public sealed record SpaceDirectoryEntry(string Slug, string Name, string? Town, string? Description);

public sealed record SpaceProfileResponse(string Id, string Slug, string Name, string Locale, string TimeZone, string Currency, string? Town, string? Description, SpaceThemeResponse Theme);

public sealed record SpaceThemeResponse(string? AccentColor, string? LogoUrl);

internal static class SpaceResponseMapping
{
    public static string Wire(this Operators.Tenancy.TenantStatus status) => status.ToString().ToLowerInvariant();

    public static string Wire(this StepStatus status) => status switch
    {
        StepStatus.TimedOut => "timed-out",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static SpaceStatusResponse ToStatus(this SpaceRecord s) => new(
        s.Id.ToString(), s.Slug, s.Name, s.Template, s.Status.Wire(),
        new SpaceStepsResponse(s.BookingStep.Wire(), s.MembershipStep.Wire(), s.BillingStep.Wire()),
        s.FailureReason);
}
