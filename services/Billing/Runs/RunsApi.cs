using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Runs;

/// <summary><c>POST /runs</c>: <c>period</c> is a month, <c>2026-12</c>.</summary>
public sealed record RunRequest(string? Period);

public sealed record RunStarted(string Id);

public sealed record RunInvoice(string Id, string? Number, string Status, string Customer, Money Gross);

/// <summary>
/// A run and its progress. <c>status</c>: <c>queued|running|completed</c>; <c>total</c> customers to invoice, <c>done</c>
/// invoiced, <c>failed</c> not invoiced (each in <c>problems</c>, with why); <c>invoices</c> it made.
/// </summary>
public sealed record RunResponse(
    string Id, string Period, string Status, bool Scheduled, bool AutoIssue, int Total, int Done, int Failed, IReadOnlyList<RunProblem> Problems,
    IReadOnlyList<RunInvoice> Invoices, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt);

public sealed class RunRequestValidator : AbstractValidator<RunRequest>
{
    public RunRequestValidator() =>
        RuleFor(r => r.Period).NotEmpty()
            .Must(p => DateOnly.TryParseExact(p + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100)
            .WithMessage("'period' must be a month written yyyy-MM, e.g. 2026-12.");
}

/// <summary><c>/runs</c> (treasurers, owners): start a run for a month, follow it, list the recent ones.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRuns(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners run invoicing.");
        runs.MapPost("/", StartAsync).ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapGet("/", ListAsync);
        runs.MapGet("/{id:guid}", GetAsync);
        return api;
    }

    private static async Task<Results<Accepted<RunStarted>, ValidationProblem, ProblemHttpResult>> StartAsync(
        RunRequest? request, IValidator<RunRequest> validator, Caller caller, BillingDbContext db, InvoiceRuns runs, BillingCalendar calendar,
        HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var month = DateOnly.ParseExact(request!.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = await calendar.TodayAsync(ct);
        if (month > new DateOnly(today.Year, today.Month, 1))
        {
            return ProblemResults.Validation("period", $"{request.Period} has not begun: a run bills what is due up to a month that has.");
        }

        var active = await db.Set<InvoiceRun>().AsNoTracking().Where(r => r.Status != RunStatus.Completed).Select(r => new { r.Id, r.Period }).FirstOrDefaultAsync(ct);
        if (active is not null)
        {
            return ProblemResults.Conflict($"The run of {active.Period} ({active.Id}) is still working: wait for it to finish.");
        }

        var run = await runs.StartAsync(request.Period!, month.AddMonths(1).AddDays(-1), null, caller.Id, ct);
        return TypedResults.Accepted($"{http.PathBase}/api/billing/runs/{run.Id}", new RunStarted(run.Id.ToString()));
    }

    private static async Task<Ok<List<RunResponse>>> ListAsync(BillingDbContext db, CancellationToken ct)
    {
        var runs = await db.Set<InvoiceRun>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(24).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(r => Response(r, [])).ToList());
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetAsync(Guid id, BillingDbContext db, CancellationToken ct)
    {
        var run = await db.Set<InvoiceRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return ProblemResults.NotFound();
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => db.Charges.Any(c => c.RunId == id && c.InvoiceId == i.Id))
            .OrderBy(i => i.ChainIndex ?? long.MaxValue).ThenBy(i => i.CreatedAt)
            .Select(i => new { i.Id, i.Number, i.Status, i.CustomerId, i.Gross, i.Currency })
            .ToListAsync(ct);
        var ids = invoices.Select(i => i.CustomerId).Distinct().ToList();
        var names = await CustomerNames.OfAsync(db, ids, ct);
        return TypedResults.Ok(Response(run, invoices.Select(i => new RunInvoice(
            i.Id.ToString(), i.Number, InvoiceNames.Of(i.Status), names.GetValueOrDefault(i.CustomerId, "—"), new Money(i.Gross, i.Currency))).ToList()));
    }

    private static RunResponse Response(InvoiceRun r, IReadOnlyList<RunInvoice> invoices) => new(
        r.Id.ToString(), r.Period, r.Status.ToString().ToLowerInvariant(), r.ScheduleKey is not null, r.AutoIssue, r.Total, r.Done, r.Failed, r.Problems,
        invoices, r.CreatedAt, r.StartedAt, r.FinishedAt);
}
