using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Plans;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Subscriptions;

public enum CancelAt
{
    PeriodEnd,
    Now,
}

public sealed record SubscribeRequest(Guid? MemberId, Guid? PlanId, DateOnly? Start, Guid? CompanyId);

public sealed record CancelRequest(CancelAt? At);

public sealed record ChangePlanRequest(Guid? PlanId);

public sealed record PeriodDocument(DateOnly Start, DateOnly End);

/// <summary>A downgrade waiting for the period's end.</summary>
public sealed record PendingPlanDocument(string PlanId, string PlanName, Money Price, DateOnly EffectiveOn);

/// <summary>
/// A subscription as operators and its member read it. <c>currentPeriod.end</c> and <c>nextRenewal</c> are the first day
/// of the next period; <c>commitmentEndsOn</c> is the first day the member may leave without owing more.
/// </summary>
public sealed record SubscriptionResponse(
    string Id, string MemberId, string? CompanyId, SubscriptionStatus Status, string PlanId, string PlanName, Money Price,
    DateOnly Start, PeriodDocument CurrentPeriod, DateOnly? NextRenewal, DateOnly CommitmentEndsOn, DateOnly? PausedOn, DateOnly? EndsOn,
    PendingPlanDocument? PendingPlan, AllowancesDocument Allowances)
{
    public static SubscriptionResponse From(Subscription s) => new(
        s.Id.ToString(), s.MemberId.ToString(), s.CompanyId?.ToString(), s.Status, s.Terms.PlanId.ToString(), s.Terms.PlanName,
        new Money(s.Terms.MonthlyPrice, s.Terms.Currency), s.Start, new PeriodDocument(s.PeriodStart, s.PeriodEnd),
        s.Status == SubscriptionStatus.Active ? s.PeriodEnd : null, s.CommitmentEndsOn, s.PausedOn, s.EndsOn,
        s.PendingTerms is { } p ? new PendingPlanDocument(p.PlanId.ToString(), p.PlanName, new Money(p.MonthlyPrice, p.Currency), s.PeriodEnd) : null,
        new AllowancesDocument(s.Terms.DeskDays, s.Terms.RoomHours));
}

public sealed class SubscribeValidator : AbstractValidator<SubscribeRequest>
{
    public SubscribeValidator()
    {
        RuleFor(r => r.MemberId).NotEmpty();
        RuleFor(r => r.PlanId).NotEmpty();
        RuleFor(r => r.Start).NotNull();
        RuleFor(r => r.CompanyId).NotEqual(Guid.Empty).When(r => r.CompanyId is not null);
    }
}

public sealed class CancelValidator : AbstractValidator<CancelRequest>
{
    public CancelValidator() => RuleFor(r => r.At).NotNull().IsInEnum().WithMessage("'at' is period-end or now.");
}

public sealed class ChangePlanValidator : AbstractValidator<ChangePlanRequest>
{
    public ChangePlanValidator() => RuleFor(r => r.PlanId).NotEmpty();
}

/// <summary>What every subscription handler works with.</summary>
public sealed record SubscriptionServices(MembershipDbContext Db, MembershipCalendar Calendar, SubscriptionRecorder Recorder);

/// <summary>
/// <c>/subscriptions</c>: operators subscribe members and move their subscriptions (cancel, pause, resume, change plan);
/// a member reads their own. Every move is one transaction: the subscription, its charges and its events, or nothing.
/// </summary>
public static class SubscriptionsApi
{
    private const string Denied = "Only operators manage subscriptions.";

    /// <summary>How far from today a subscription may start: catching up a year of renewals is the most the job is asked for.</summary>
    public const int MaxStartDistanceDays = 366;

    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/subscriptions");
        subscriptions.MapGet("/", ListAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        subscriptions.MapGet("/mine", MineAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's members have subscriptions.");
        subscriptions.MapGet("/{id:guid}", GetAsync).RequireSpaceRole(SpaceAccess.Member, Denied);
        subscriptions.MapPost("/", SubscribeAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{id:guid}/cancel", CancelAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{id:guid}/pause", PauseAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{id:guid}/resume", ResumeAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{id:guid}/change-plan", ChangePlanAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<List<SubscriptionResponse>>> ListAsync(MembershipDbContext db, Guid? memberId, CancellationToken ct)
    {
        var rows = await db.Subscriptions.AsNoTracking().Where(s => memberId == null || s.MemberId == memberId)
            .OrderByDescending(s => s.CreatedAt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(SubscriptionResponse.From).ToList());
    }

    private static async Task<Ok<List<SubscriptionResponse>>> MineAsync(Caller caller, MembershipDbContext db, CancellationToken ct)
    {
        var rows = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == caller.Id).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(SubscriptionResponse.From).ToList());
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, MembershipDbContext db, CancellationToken ct)
    {
        var s = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        // Another member's subscription does not exist for a member, exactly as another space's.
        return s is null || (!caller.IsOperator && s.MemberId != caller.Id) ? ProblemResults.NotFound() : TypedResults.Ok(SubscriptionResponse.From(s));
    }

    private static async Task<Results<Created<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(
        SubscribeRequest? request, IValidator<SubscribeRequest> validator, [AsParameters] SubscriptionServices services, HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var (db, calendar, recorder) = services;
        var today = await calendar.TodayAsync(ct);
        var start = request!.Start!.Value;
        if (Math.Abs(start.DayNumber - today.DayNumber) > MaxStartDistanceDays)
        {
            return ProblemResults.Validation("start", "A subscription starts at most a year before or after today.");
        }

        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.MemberId, ct);
        if (member is null)
        {
            return ProblemResults.NotFound("No such member in this space.");
        }

        if (member.Status != MemberStatus.Active)
        {
            return ProblemResults.Conflict(member.Status == MemberStatus.Erased
                ? "This member was erased: they cannot subscribe."
                : "This person no longer holds the member role: grant it again before subscribing them.");
        }

        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null)
        {
            return ProblemResults.NotFound("No such plan in this space.");
        }

        if (!plan.Active)
        {
            return ProblemResults.Conflict($"{plan.Name} is retired: choose an active plan.");
        }

        var companyId = request.CompanyId ?? member.CompanyId;
        if (request.CompanyId is { } given && !await db.Companies.AnyAsync(c => c.Id == given, ct))
        {
            return ProblemResults.Validation("companyId", "No such company in this space.");
        }

        if (await db.Subscriptions.AnyAsync(s => s.MemberId == member.Id && s.Status != SubscriptionStatus.Ended, ct))
        {
            return ProblemResults.Conflict("This member already holds a subscription: change its plan instead.");
        }

        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.Id,
            CompanyId = companyId,
            Terms = PlansApi.Terms(plan),
            Start = start,
            CreatedAt = calendar.UtcNow,
        };
        var steps = new List<SubscriptionStep> { SubscriptionLifecycle.Activate(subscription) };
        var space = await calendar.SpaceAsync(ct);
        db.Subscriptions.Add(subscription);
        recorder.Record(subscription, steps, space.Locale, calendar.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The one-running-subscription-per-member key: another operator subscribed them a moment ago.
            return ProblemResults.Conflict("This member already holds a subscription: change its plan instead.");
        }

        return TypedResults.Created($"{http.PathBase}/api/membership/subscriptions/{subscription.Id}", SubscriptionResponse.From(subscription));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, CancelRequest? request, IValidator<CancelRequest> validator, [AsParameters] SubscriptionServices services, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var atPeriodEnd = request!.At == CancelAt.PeriodEnd;
        return Widen(await MoveAsync(id, services,
            s => SubscriptionLifecycle.CannotCancel(s, atPeriodEnd),
            (s, today) => [SubscriptionLifecycle.Cancel(s, atPeriodEnd, today)], ct));
    }

    private static Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> PauseAsync(
        Guid id, [AsParameters] SubscriptionServices services, CancellationToken ct) =>
        MoveAsync(id, services, SubscriptionLifecycle.CannotPause, (s, today) => [SubscriptionLifecycle.Pause(s, today)], ct);

    private static Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> ResumeAsync(
        Guid id, [AsParameters] SubscriptionServices services, CancellationToken ct) =>
        MoveAsync(id, services, SubscriptionLifecycle.CannotResume, SubscriptionLifecycle.Resume, ct);

    private static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> ChangePlanAsync(
        Guid id, ChangePlanRequest? request, IValidator<ChangePlanRequest> validator, [AsParameters] SubscriptionServices services, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var plan = await services.Db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request!.PlanId, ct);
        if (plan is null)
        {
            return ProblemResults.NotFound("No such plan in this space.");
        }

        var terms = PlansApi.Terms(plan);
        return Widen(await MoveAsync(id, services,
            s => plan.Active || s.Terms.PlanId == plan.Id ? SubscriptionLifecycle.CannotChange(s, terms) : $"{plan.Name} is retired: choose an active plan.",
            (s, today) => SubscriptionLifecycle.Change(s, terms, today), ct));
    }

    /// <summary>
    /// One operator's move: the subscription brought up to today first (as the renewal job would), the move refused
    /// with a 409 naming why, else recorded with its charges and events in one save. A refusal writes nothing; a
    /// concurrent move (another operator, the renewal job) makes this one a 409 to retry.
    /// </summary>
    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> MoveAsync(
        Guid id, SubscriptionServices services,
        Func<Subscription, string?> refusal, Func<Subscription, DateOnly, IEnumerable<SubscriptionStep>> move, CancellationToken ct)
    {
        var (db, calendar, recorder) = services;
        var s = await db.Subscriptions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return ProblemResults.NotFound();
        }

        var today = await calendar.TodayAsync(ct);
        var steps = SubscriptionLifecycle.Renew(s, today);
        if (refusal(s) is { } why)
        {
            return ProblemResults.Conflict(why);
        }

        steps.AddRange(move(s, today));
        if (await recorder.AlreadyChargedAsync(s.Id, steps, ct) is { } charged)
        {
            return ProblemResults.Conflict($"This subscription already has a charge {charged}: one such change a day; try again tomorrow.");
        }

        s.Version++;
        recorder.Record(s, steps, (await calendar.SpaceAsync(ct)).Locale, calendar.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency token or the ledger's one-charge-per-period key: someone else moved it first.
            return ProblemResults.Conflict("This subscription changed meanwhile (another operator, or its renewal): read it again and retry.");
        }

        return TypedResults.Ok(SubscriptionResponse.From(s));
    }

    private static Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult> Widen(Results<Ok<SubscriptionResponse>, ProblemHttpResult> result) =>
        result.Result switch
        {
            Ok<SubscriptionResponse> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
}
