namespace Operators.Contracts.Spaces;

/// <summary>The services that take part in provisioning a space, by the name each one reports.</summary>
public static class ProvisioningSteps
{
    public const string Booking = "booking";
    public const string Membership = "membership";
    public const string Billing = "billing";

    public static IReadOnlyList<string> All { get; } = [Booking, Membership, Billing];
}
