namespace Operators.Contracts.Membership;

/// <summary>What a membership period gives its member to book with.</summary>
public sealed record Allowances(int DeskDays, decimal RoomHours);

/// <summary>What a <see cref="MembershipCharge"/> is for.</summary>
public static class MembershipChargeKinds
{
    /// <summary>A full period at the subscription's monthly price.</summary>
    public const string Period = "period";

    /// <summary>The plan's setup fee, charged once per subscription.</summary>
    public const string SetupFee = "setup-fee";

    /// <summary>Negative: the unused days of a period already charged (upgrade, pause, cancel now).</summary>
    public const string ProrationCredit = "proration-credit";

    /// <summary>The days left of the current period at the new plan's price (upgrade).</summary>
    public const string ProrationCharge = "proration-charge";

    /// <summary>The rest of a minimum commitment a cancellation leaves unpaid.</summary>
    public const string Commitment = "commitment";
}

/// <summary>
/// One amount billing must charge (positive) or credit (negative) for a subscription, excluding VAT.
/// <paramref name="Id"/> is stable: billing keys its charges by it, so a redelivered event charges nothing twice.
/// <paramref name="From"/> and <paramref name="To"/> bound the service period [From, To) in the space's days.
/// </summary>
public sealed record MembershipCharge(
    Guid Id,
    string Kind,
    string Description,
    Money Amount,
    decimal VatRate,
    DateOnly From,
    DateOnly To);

/// <summary>
/// A member's subscription started: its first period, that period's allowances, and what to charge (the period,
/// and the setup fee once). <paramref name="CompanyId"/> is set when a company pays for the seat.
/// </summary>
public sealed record MembershipActivated(
    Guid SubscriptionId,
    Guid MemberId,
    string PlanName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances,
    Guid? PlanId = null,
    Guid? CompanyId = null,
    IReadOnlyList<MembershipCharge>? Charges = null);

/// <summary>A subscription moved to its next period, with fresh allowances and the period's charge.</summary>
public sealed record MembershipRenewed(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances,
    Guid? PlanId = null,
    string? PlanName = null,
    Guid? CompanyId = null,
    IReadOnlyList<MembershipCharge>? Charges = null);

/// <summary>
/// A subscription changed plan from <paramref name="EffectiveOn"/>: an upgrade at once (the unused part of the
/// old plan credited, the rest of the period charged at the new price) or a downgrade at its period's end (no
/// charge here: the renewal charges the new price). <paramref name="Allowances"/> replace the current period's
/// grant from that day; what was used stays used.
/// </summary>
public sealed record MembershipChanged(
    Guid SubscriptionId,
    Guid MemberId,
    Guid PlanId,
    string PlanName,
    DateOnly EffectiveOn,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances,
    Guid? CompanyId,
    IReadOnlyList<MembershipCharge> Charges);

/// <summary>
/// A subscription is paused from <paramref name="PausedOn"/>: no allowance is usable from that day and nothing
/// more is charged until it resumes; the unused days of the period already charged are credited.
/// </summary>
public sealed record MembershipPaused(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly PausedOn,
    Guid? CompanyId,
    IReadOnlyList<MembershipCharge> Charges);

/// <summary>A paused subscription resumed: a new period starts on the day it resumes, with fresh allowances and its charge.</summary>
public sealed record MembershipResumed(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances,
    Guid? CompanyId,
    IReadOnlyList<MembershipCharge> Charges);

/// <summary>
/// A subscription was cancelled at its period's end: it ends on <paramref name="EndsOn"/> (a
/// <see cref="MembershipEnded"/> follows that day). <paramref name="Charges"/> hold what the commitment still requires.
/// </summary>
public sealed record MembershipCancelling(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly EndsOn,
    Guid? CompanyId,
    IReadOnlyList<MembershipCharge> Charges);

/// <summary>
/// A subscription ended (cancelled, or its member erased): its allowances are gone from <paramref name="EndedOn"/>
/// and nothing more is charged. <paramref name="Charges"/> settle an immediate cancellation (credit of unused
/// days, or the rest of the commitment).
/// </summary>
public sealed record MembershipEnded(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly EndedOn,
    Guid? CompanyId = null,
    IReadOnlyList<MembershipCharge>? Charges = null);

/// <summary>
/// A member's public profile: the name, whether the directory shows it, and whether "who is coming" names them
/// (both opt-in, off until the member says yes).
/// </summary>
public sealed record MemberProfileChanged(Guid MemberId, string DisplayName, bool DirectoryOptIn, bool PresenceOptIn = false);

/// <summary>Whom to invoice and how: a person's or a company's billing identity.</summary>
public sealed record BillingDetails(string Name, Address Address, bool IsBusiness, string? Siren, string? VatNumber, string? Email);

/// <summary>
/// A member's billing details, or the company that pays for them, changed (or were first set).
/// <paramref name="CompanyId"/>: members attached to a company are billed to it.
/// </summary>
public sealed record MemberBillingDetailsChanged(Guid MemberId, string Email, string DisplayName, BillingDetails? Billing, Guid? CompanyId);

/// <summary>A company (a B2B customer) was created or its billing details changed.</summary>
public sealed record CompanyChanged(Guid CompanyId, string Name, BillingDetails Billing);

/// <summary>
/// The space's owner erased a member (GDPR art. 17): every service anonymises what it holds about the person,
/// keeping only what the law requires (issued invoices and accounting records).
/// </summary>
public sealed record MemberErased(Guid MemberId, DateTimeOffset ErasedAt);
