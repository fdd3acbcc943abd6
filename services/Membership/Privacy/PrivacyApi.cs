using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts;
using Operators.Contracts.Membership;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Privacy;

public sealed record PlanTermsExport(string PlanId, string PlanName, Money MonthlyPrice, decimal VatRate, Money SetupFee, int CommitmentMonths, Allowances Allowances)
{
    public static PlanTermsExport? From(PlanTerms? t) => t is null ? null
        : new(t.PlanId.ToString(), t.PlanName, new Money(t.MonthlyPrice, t.Currency), t.VatRate, new Money(t.SetupFee, t.Currency), t.CommitmentMonths, new Allowances(t.DeskDays, t.RoomHours));
}

public sealed record ChargeExport(string Id, string Kind, string Description, Money Amount, decimal VatRate, DateOnly From, DateOnly To, DateTimeOffset CreatedAt);

/// <summary>A subscription with the terms it signed, its periods (ends exclusive) and every charge it caused.</summary>
public sealed record SubscriptionExport(
    string Id, SubscriptionStatus Status, string? CompanyId, PlanTermsExport Terms, PlanTermsExport? PendingTerms, DateOnly Start, DateOnly Anchor,
    PeriodResponse CurrentPeriod, DateOnly CommitmentEndsOn, DateOnly? PausedOn, DateOnly? EndsOn, DateOnly? EndedOn, DateTimeOffset CreatedAt,
    IReadOnlyList<ChargeExport> Charges);

/// <summary>Everything membership holds about one person (GDPR art. 15 and 20); the gateway's export gathers every service's part.</summary>
public sealed record MembershipExport(
    DateTimeOffset ExportedAt, MemberResponse Member, DateTimeOffset JoinedAt, CompanyReference? Company, IReadOnlyList<SubscriptionExport> Subscriptions);

/// <summary>
/// The person's rights over their data: <c>GET /members/{id}/export</c> (operators, the member) and
/// <c>DELETE /members/{id}</c>, the erasure, which only the space's owner may order.
/// </summary>
public static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members");
        // Signed in, not a member: someone whose roles were all revoked still has the right to their data.
        members.MapGet("/{id:guid}/export", ExportAsync).RequireSpaceRole(SpaceAccess.SignedIn, "Only operators and the member export a member's data.");
        members.MapDelete("/{id:guid}", EraseAsync).RequireSpaceRole(SpaceAccess.Owner, "Only the space's owner erases a member.").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<MembershipExport>, ProblemHttpResult>> ExportAsync(Guid id, Caller caller, MembershipDbContext db, MembershipCalendar date, CancellationToken ct)
    {
        var member = caller.IsOperator || caller.Id == id
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Status != MemberStatus.Erased, ct)
            : null;
        if (member is null)
        {
            return ProblemResults.NotFound();
        }

        // The id written by .NET, not converted in SQL (SQLite would give it in capitals).
        var companyName = member.CompanyId is { } companyId
            ? await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(ct)
            : null;
        var company = companyName is null ? null : new CompanyReference(member.CompanyId!.Value.ToString(), companyName);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == id).OrderBy(s => s.Start).ThenBy(s => s.CreatedAt).ToListAsync(ct);
        var ids = subscriptions.Select(s => s.Id).ToList();
        var charges = (await db.SubscriptionCharges.AsNoTracking().Where(c => ids.Contains(c.SubscriptionId)).ToListAsync(ct))
            .OrderBy(c => c.From).ThenBy(c => c.CreatedAt).ToLookup(c => c.SubscriptionId);
        var export = new MembershipExport(
            Instant(date.UtcNow), MemberResponse.From(member), Instant(member.JoinedAt), company,
            subscriptions.Select(s => new SubscriptionExport(
                s.Id.ToString(), s.Status, s.CompanyId?.ToString(), PlanTermsExport.From(s.Terms)!, PlanTermsExport.From(s.PendingTerms), s.Start, s.Anchor,
                new PeriodResponse(s.PeriodStart, s.PeriodEnd), s.CommitmentEndsOn, s.PausedOn, s.EndsOn, s.EndedOn, Instant(s.CreatedAt),
                charges[s.Id].Select(c => new ChargeExport(
                    c.Id.ToString(), c.Kind, c.Description, new Money(c.Amount, c.Currency), c.VatRate, c.From, c.To, Instant(c.CreatedAt))).ToList())).ToList());
        return TypedResults.Ok(export);
    }

    /// <summary>204 once the person is erased, however often it is asked; 404 for a person membership never knew.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(Guid id, Caller caller, MembershipDbContext db, MemberErasure erasure, CancellationToken ct)
    {
        if (caller.Id == id)
        {
            // The erasure takes every role in the space away: an owner erasing themself could leave the space ownerless.
            return ProblemResults.Conflict("An owner cannot erase themself: hand the space's ownership to someone else, who can then erase you.");
        }

        // A renewal moving one of the subscriptions meanwhile fails the save on its version: start again from the rows as they are.
        var known = await TransientDatabaseFailures.RetryAsync(async () =>
        {
            db.ChangeTracker.Clear();
            return await erasure.EraseAsync(id, ct);
        });
        return known ? TypedResults.NoContent() : ProblemResults.NotFound();
    }

    private static DateTimeOffset Instant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
