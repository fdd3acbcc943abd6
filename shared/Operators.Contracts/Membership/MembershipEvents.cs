namespace Operators.Contracts.Membership;

/// <summary>What a membership period gives its member to book with.</summary>
public sealed record Allowances(int DeskDays, decimal RoomHours);

/// <summary>A member's subscription started: its first period and that period's allowances.</summary>
public sealed record MembershipActivated(
    Guid SubscriptionId,
    Guid MemberId,
    string PlanName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances);

/// <summary>A subscription moved to its next period, with fresh allowances.</summary>
public sealed record MembershipRenewed(
    Guid SubscriptionId,
    Guid MemberId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Allowances Allowances);

/// <summary>A subscription ended (cancelled, or erased): its allowances are gone from <paramref name="EndedOn"/>.</summary>
public sealed record MembershipEnded(Guid SubscriptionId, Guid MemberId, DateOnly EndedOn);

/// <summary>A member's public profile as the space's directory shows it.</summary>
public sealed record MemberProfileChanged(Guid MemberId, string DisplayName, bool DirectoryOptIn);
