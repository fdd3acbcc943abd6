using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Membership.Plans;

public sealed record AllowancesDocument(int? DeskDays, decimal? RoomHours);

/// <summary>When members of a plan may come: days of the week (<c>monday</c>..<c>sunday</c>) and hours (<c>HH:mm</c>, local).</summary>
public sealed record AccessDocument(List<string>? Days, string? From, string? To);

public sealed record PlanRequest(
    string? Name,
    string? Description,
    PriceInput? MonthlyPrice,
    decimal? VatRate,
    PriceInput? SetupFee,
    int? CommitmentMonths,
    AllowancesDocument? Allowances,
    AccessDocument? Access,
    bool? Active);

public sealed record PlanResponse(
    string Id, string Name, string Description, Money MonthlyPrice, decimal VatRate, Money? SetupFee, int CommitmentMonths,
    AllowancesDocument Allowances, AccessDocument? Access, bool Active)
{
    public static PlanResponse From(Plan p) => new(
        p.Id.ToString(), p.Name, p.Description, new Money(p.MonthlyPrice, p.Currency), p.VatRate,
        p.SetupFee == 0 ? null : new Money(p.SetupFee, p.Currency), p.CommitmentMonths,
        new AllowancesDocument(p.DeskDays, p.RoomHours),
        p.AccessDays.Count == 0 ? null : new AccessDocument(
            [.. p.AccessDays.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString().ToLowerInvariant())],
            p.AccessFrom?.ToString("HH:mm", CultureInfo.InvariantCulture), p.AccessTo?.ToString("HH:mm", CultureInfo.InvariantCulture)),
        p.Active);
}

/// <summary>What <c>DELETE /plans/{id}</c> did: <c>deleted</c> (never subscribed) or <c>retired</c> (kept inactive for its subscribers).</summary>
public sealed record PlanRemoval(string Id, string Outcome);

public sealed class PlanValidator : AbstractValidator<PlanRequest>
{
    /// <summary>The French VAT rates (INVOICING-FR.md), and 0 for what is exempt.</summary>
    public static readonly decimal[] VatRates = [0m, 2.1m, 5.5m, 10m, 20m];

    public PlanValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(120).PlainText();
        RuleFor(r => r.Description).MaximumLength(2000).PlainText(multiline: true);
        RuleFor(r => r.MonthlyPrice).NotNull();
        RuleFor(r => r.MonthlyPrice!.Amount).GreaterThanOrEqualTo(0).PrecisionScale(12, 2, true).When(r => r.MonthlyPrice is not null).OverridePropertyName("monthlyPrice");
        RuleFor(r => r.SetupFee!.Amount).GreaterThanOrEqualTo(0).PrecisionScale(12, 2, true).When(r => r.SetupFee is not null).OverridePropertyName("setupFee");
        RuleFor(r => r.VatRate).Must(v => VatRates.Contains(v!.Value)).When(r => r.VatRate is not null).WithMessage("A French VAT rate: 0, 2.1, 5.5, 10 or 20.");
        RuleFor(r => r.CommitmentMonths).InclusiveBetween(0, 36).When(r => r.CommitmentMonths is not null);
        RuleFor(r => r.Allowances).ChildRules(a =>
        {
            a.RuleFor(x => x!.DeskDays).InclusiveBetween(0, 31).When(x => x!.DeskDays is not null);
            a.RuleFor(x => x!.RoomHours).InclusiveBetween(0, 744).When(x => x!.RoomHours is not null);
            a.RuleFor(x => x!.RoomHours).Must(h => h!.Value * 4 == decimal.Truncate(h.Value * 4)).When(x => x!.RoomHours is not null)
                .WithMessage("Room hours count in quarter hours (1.25, 2.5).");
        }).When(r => r.Allowances is not null);
        RuleFor(r => r.Access).ChildRules(a =>
        {
            a.RuleFor(x => x!.Days).NotEmpty();
            a.RuleForEach(x => x!.Days).Must(d => ParseDay(d) is not null).WithMessage("A day is monday to sunday.");
            a.RuleFor(x => x!.Days).Must(d => d!.Distinct(StringComparer.OrdinalIgnoreCase).Count() == d!.Count).When(x => x!.Days is not null)
                .WithMessage("Each day once.");
            a.RuleFor(x => x!.From).Must(t => ParseTime(t) is not null).WithMessage("A time is HH:mm.");
            a.RuleFor(x => x!.To).Must(t => ParseTime(t) is not null).WithMessage("A time is HH:mm.");
            a.RuleFor(x => x!.To).Must((x, to) => ParseTime(x!.From) < ParseTime(to))
                .When(x => ParseTime(x!.From) is not null && ParseTime(x.To) is not null).WithMessage("Access ends after it starts.");
        }).When(r => r.Access is not null);
    }

    internal static DayOfWeek? ParseDay(string? day) =>
        day is not null && !int.TryParse(day, out _) && Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) && day.Equals(day.ToLowerInvariant(), StringComparison.Ordinal)
            ? parsed
            : null;

    internal static TimeOnly? ParseTime(string? time) =>
        TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
}

/// <summary>
/// <c>/plans</c>: anyone reads the active plans; operators see retired ones too (<c>?all=true</c>), create, edit and
/// remove them. Editing a plan changes it for new subscribers only: subscriptions keep the terms they signed.
/// </summary>
public static class PlansApi
{
    private const string Denied = "Only operators manage plans.";

    public static RouteGroupBuilder MapPlans(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans");
        plans.MapGet("/", ListAsync);
        plans.MapPost("/", CreateAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        plans.MapGet("/{id:guid}", GetAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        plans.MapPut("/{id:guid}", UpdateAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapDelete("/{id:guid}", DeleteAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        return api;
    }

    private static async Task<Ok<List<PlanResponse>>> ListAsync(Caller caller, MembershipDbContext db, bool? all, CancellationToken ct)
    {
        var everyPlan = all == true && caller.IsOperator;
        var rows = await db.Plans.AsNoTracking().Where(p => everyPlan || p.Active).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(p => p.MonthlyPrice).ThenBy(p => p.Name, StringComparer.CurrentCulture).Select(PlanResponse.From).ToList());
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetAsync(Guid id, MembershipDbContext db, CancellationToken ct) =>
        await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } plan
            ? TypedResults.Ok(PlanResponse.From(plan))
            : ProblemResults.NotFound();

    private static async Task<Results<Created<PlanResponse>, ValidationProblem>> CreateAsync(
        PlanRequest? request, IValidator<PlanRequest> validator, MembershipDbContext db, MembershipCalendar calendar, HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var currency = await calendar.CurrencyAsync(ct);
        if (OtherCurrency(request!, currency) is { } otherCurrency)
        {
            return otherCurrency;
        }

        var plan = new Plan { Id = Guid.CreateVersion7(), Name = "", Currency = currency, CreatedAt = calendar.UtcNow };
        Apply(plan, request!);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{http.PathBase}/api/membership/plans/{plan.Id}", PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<PlanResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, PlanRequest? request, IValidator<PlanRequest> validator, MembershipDbContext db, MembershipCalendar calendar, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        if (OtherCurrency(request!, await calendar.CurrencyAsync(ct)) is { } otherCurrency)
        {
            return otherCurrency;
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return ProblemResults.NotFound();
        }

        Apply(plan, request!);
        plan.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProblemResults.Conflict("Someone else changed this plan meanwhile: read it again and redo the change.");
        }

        return TypedResults.Ok(PlanResponse.From(plan));
    }

    /// <summary>A plan nobody ever subscribed to is deleted; one in use (or used) is retired, for its subscribers keep its terms.</summary>
    private static async Task<Results<Ok<PlanRemoval>, ProblemHttpResult>> DeleteAsync(Guid id, MembershipDbContext db, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return ProblemResults.NotFound();
        }

        var used = await db.Subscriptions.AnyAsync(s => s.Terms.PlanId == id || (s.PendingTerms != null && s.PendingTerms.PlanId == id), ct);
        if (used)
        {
            plan.Active = false;
            plan.Version++;
        }
        else
        {
            db.Plans.Remove(plan);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PlanRemoval(id.ToString(), used ? "retired" : "deleted"));
    }

    /// <summary>Prices are kept in the space's currency: a price given in another one is a 400, not a silent conversion.</summary>
    private static ValidationProblem? OtherCurrency(PlanRequest request, string currency)
    {
        foreach (var (field, price) in new[] { ("monthlyPrice", request.MonthlyPrice), ("setupFee", request.SetupFee) })
        {
            if (price?.Currency is { } given && !string.Equals(given, currency, StringComparison.Ordinal))
            {
                return ProblemResults.Validation(field + ".currency", $"Prices are in {currency}, the space's currency.");
            }
        }

        return null;
    }

    private static void Apply(Plan plan, PlanRequest request)
    {
        plan.Name = request.Name!.Trim();
        plan.Description = request.Description?.Trim() ?? "";
        plan.MonthlyPrice = request.MonthlyPrice!.Amount;
        plan.VatRate = request.VatRate ?? 20m;
        plan.SetupFee = request.SetupFee?.Amount ?? 0m;
        plan.CommitmentMonths = request.CommitmentMonths ?? 0;
        plan.DeskDays = request.Allowances?.DeskDays ?? 0;
        plan.RoomHours = request.Allowances?.RoomHours ?? 0m;
        plan.AccessDays = request.Access?.Days?.Select(d => PlanValidator.ParseDay(d)!.Value).ToList() ?? [];
        plan.AccessFrom = request.Access is null ? null : PlanValidator.ParseTime(request.Access.From);
        plan.AccessTo = request.Access is null ? null : PlanValidator.ParseTime(request.Access.To);
        plan.Active = request.Active ?? true;
    }

    /// <summary>The terms a new subscription signs: a copy of the plan as it is today.</summary>
    public static PlanTerms Terms(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanTerms
        {
            PlanId = plan.Id,
            PlanName = plan.Name,
            MonthlyPrice = plan.MonthlyPrice,
            Currency = plan.Currency,
            VatRate = plan.VatRate,
            SetupFee = plan.SetupFee,
            CommitmentMonths = plan.CommitmentMonths,
            DeskDays = plan.DeskDays,
            RoomHours = plan.RoomHours,
        };
    }
}
