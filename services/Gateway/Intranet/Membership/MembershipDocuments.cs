using System.Text.Json.Nodes;

namespace Operators.Gateway.Intranet.Membership;

// Membership's documents as the intranet reads them (API.md, Membership). Optional fields are nullable so that a
// field the service leaves out shows as "not given" instead of failing the page.

public sealed record PlanAllowancesDocument(decimal DeskDays, decimal RoomHours);

public sealed record PlanAccessDocument(IReadOnlyList<string>? Days, string? From, string? To);

public sealed record PlanDocument(
    string Id, string Name, string? Description, MoneyDocument MonthlyPrice, decimal VatRate, MoneyDocument? SetupFee, int CommitmentMonths,
    PlanAllowancesDocument? Allowances, PlanAccessDocument? Access, bool Active);

public sealed record PeriodDocument(DateOnly Start, DateOnly End);

public sealed record SubscriptionDocument(
    string Id, string MemberId, string? CompanyId, string Status, string PlanId, string? PlanName, MoneyDocument? Price, PeriodDocument? CurrentPeriod,
    DateOnly? NextRenewal, DateOnly? CommitmentEndsOn, DateOnly? EndsOn, JsonNode? PendingPlan, PlanAllowancesDocument? Allowances)
{
    /// <summary>The name of the plan a downgrade waits to switch to, whichever shape the service gives it (an object with a name, or a name).</summary>
    public string? PendingPlanName => PendingPlan switch
    {
        JsonObject o => o["name"]?.ToString() ?? o["planName"]?.ToString(),
        JsonValue v => v.ToString(),
        _ => null,
    };

    public bool IsLive => Status is not "ended";
}

public sealed record AddressDocument(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

public sealed record BillingDocument(string? Name, AddressDocument? Address, bool IsBusiness, string? Siren, string? VatNumber);

public sealed record MemberDocument(
    string Id, string Email, string DisplayName, string? CompanyId, BillingDocument? Billing, bool DirectoryOptIn, bool PresenceOptIn,
    string? Bio, IReadOnlyList<string>? Skills, string? Offers, string? LooksFor, IReadOnlyList<string>? Links);

public sealed record CompanyReferenceDocument(string Id, string Name);

public sealed record SubscriptionSummaryDocument(string Id, string Status, string? PlanName, PeriodDocument? CurrentPeriod, DateOnly? NextRenewal);

public sealed record MemberSummaryDocument(
    string Id, string Email, string DisplayName, string? Status, CompanyReferenceDocument? Company, BillingDocument? Billing, SubscriptionSummaryDocument? Subscription);

public sealed record CompanyMemberDocument(string Id, string DisplayName);

public sealed record CompanyDocument(string Id, string Name, string? Email, BillingDocument? Billing, IReadOnlyList<CompanyMemberDocument>? Members);

public sealed record DirectoryEntryDocument(
    string Id, string DisplayName, CompanyReferenceDocument? Company, string? Bio, IReadOnlyList<string>? Skills, string? Offers, string? LooksFor, IReadOnlyList<string>? Links);
